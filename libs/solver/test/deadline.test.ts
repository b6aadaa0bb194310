import { checkFeasible, solve } from '../src/index.js';
import { marketSplit, plantedMarketSplit } from './hard-instance.js';

// A time-limited HiGHS solve runs in a worker thread that is terminated at the limit + 2 s grace.
describe('HiGHS time-limited solves (worker thread)', () => {
  test('a hard instance with a 1 s limit returns within a few seconds, its solution feasible', async () => {
    // 6 × 50 market split: far from solvable in 1 s.
    const model = marketSplit(6, 50, 5);
    const start = performance.now();
    const result = await solve(model, { backend: 'highs', timeLimitSeconds: 1 });
    const wallSeconds = (performance.now() - start) / 1000;
    // Limit + grace + worker start-up, with slack for a loaded 2-core machine.
    expect(wallSeconds).toBeLessThan(5);
    expect(['feasible', 'time_limit']).toContain(result.status);
    if (result.values !== null) {
      expect(checkFeasible(model, result.values, 1e-6)).toEqual([]);
      expect(result.objective).toBeCloseTo(model.evaluate(result.values), 9);
      if (result.bound !== null)
        expect(result.bound).toBeLessThanOrEqual((result.objective as number) + 1e-9);
    } else {
      expect(result.objective).toBeNull();
    }
  });

  test("the caller's model and start stay usable (sent as copies, not detached)", async () => {
    const { model, planted } = plantedMarketSplit(5, 40, 11);
    const before = model.evaluate(planted);
    const result = await solve(model, {
      backend: 'highs',
      timeLimitSeconds: 1,
      initialSolution: planted,
    });
    expect(planted.length).toBe(model.numVariables);
    expect(model.evaluate(planted)).toBe(before);
    expect(model.arrays().entryCoef.length).toBe(model.numNonzeros);
    expect(result.status).toBe('feasible');
    expect(checkFeasible(model, result.values as Float64Array, 1e-6)).toEqual([]);
  });

  test('a time-limited solve that finishes early reports optimal, like the in-process path', async () => {
    const model = marketSplit(2, 8, 3);
    const [limited, unlimited] = await Promise.all([
      solve(model, { backend: 'highs', timeLimitSeconds: 30, mipRelGap: 0 }),
      solve(model, { backend: 'highs', mipRelGap: 0 }),
    ]);
    expect(limited.status).toBe('optimal');
    expect(unlimited.status).toBe('optimal');
    expect(limited.objective).toBeCloseTo(unlimited.objective as number, 9);
    expect(checkFeasible(model, limited.values as Float64Array, 1e-6)).toEqual([]);
  });
});
