import { checkFeasible, solve, type BackendName, type SolveResult } from '../src/index.js';
import { cases } from './models.js';
import { marketSplit, plantedMarketSplit } from './hard-instance.js';

const BACKENDS: BackendName[] = ['highs', 'glpk'];
const REL_TOL = 1e-6;

function relativeDifference(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
}

/** Results by backend and case name, for the agreement test. */
const results = new Map<string, SolveResult>();

describe.each(BACKENDS)('conformance: %s', (backend) => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (name, testCase) => {
    const model = testCase.build();
    const result = await solve(model, { backend, mipRelGap: 0 });
    results.set(`${backend}/${name}`, result);
    expect(result.backend).toBe(backend);
    expect(result.status).toBe(testCase.expected.status);
    if (testCase.expected.status !== 'optimal') {
      expect(result.values).toBeNull();
      expect(result.objective).toBeNull();
      return;
    }
    const values = result.values as Float64Array;
    expect(values).toHaveLength(model.numVariables);
    expect(checkFeasible(model, values, 1e-6)).toEqual([]);
    expect(relativeDifference(result.objective as number, testCase.expected.objective)).toBeLessThanOrEqual(REL_TOL);
    expect(result.objective).toBeCloseTo(model.evaluate(values), 9);
    expect(result.gap).toBeLessThanOrEqual(1e-9);
    testCase.expected.values?.forEach((v, j) => expect(values[j]).toBeCloseTo(v, 6));
  });

  test.each(cases.filter((c) => c.relaxedObjective !== undefined).map((c) => [c.name, c] as const))(
    'relax: true gives the LP relaxation of %s',
    async (_name, testCase) => {
      const model = testCase.build();
      const result = await solve(model, { backend, relax: true });
      expect(result.status).toBe('optimal');
      expect(relativeDifference(result.objective as number, testCase.relaxedObjective as number)).toBeLessThanOrEqual(REL_TOL);
      expect(checkFeasible(model, result.values as Float64Array, 1e-6, { relax: true })).toEqual([]);
    },
  );

  test('a hard MILP with a 2 s limit returns its incumbent and a gap', async () => {
    const model = marketSplit(4, 30, 7);
    const result = await solve(model, { backend, timeLimitSeconds: 2 });
    expect(['feasible', 'optimal']).toContain(result.status);
    const values = result.values as Float64Array;
    expect(checkFeasible(model, values, 1e-6)).toEqual([]);
    expect(result.objective).toBeCloseTo(model.evaluate(values), 9);
    if (result.status === 'feasible') {
      expect(result.objective as number).toBeGreaterThan(0);
      expect(result.bound).not.toBeNull();
      expect(result.bound as number).toBeLessThanOrEqual((result.objective as number) + 1e-9);
      expect(result.gap as number).toBeGreaterThan(0);
    }
    // The limit is honoured (with slack for a loaded 2-core machine and GLPK's relaxation solve).
    expect(result.solveSeconds).toBeLessThan(10);
  });
});

describe('HiGHS and GLPK agree', () => {
  test.each(cases.filter((c) => c.expected.status === 'optimal').map((c) => [c.name] as const))(
    'within 1e-6 relative on %s',
    (name) => {
      const [a, b] = BACKENDS.map((backend) => results.get(`${backend}/${name}`));
      expect(a?.status).toBe('optimal');
      expect(b?.status).toBe('optimal');
      expect(relativeDifference(a?.objective as number, b?.objective as number)).toBeLessThanOrEqual(REL_TOL);
    },
  );

  test('on the status of every model without an optimum', () => {
    for (const testCase of cases.filter((c) => c.expected.status !== 'optimal')) {
      expect(results.get(`highs/${testCase.name}`)?.status).toBe(results.get(`glpk/${testCase.name}`)?.status);
    }
  });
});

describe('initialSolution (warm start)', () => {
  // 5 rows × 40 binaries: HiGHS finds no feasible point of its own in 1 s (measured: time_limit).
  const hard = () => plantedMarketSplit(5, 40, 11);

  test('HiGHS uses it: a 1 s solve of a hard instance returns the start or better, feasible', async () => {
    const { model, planted } = hard();
    const result = await solve(model, { backend: 'highs', timeLimitSeconds: 1, initialSolution: planted });
    expect(['feasible', 'optimal']).toContain(result.status);
    const values = result.values as Float64Array;
    expect(checkFeasible(model, values, 1e-6)).toEqual([]);
    expect(result.objective as number).toBeLessThanOrEqual(model.evaluate(planted) + 1e-9);
    expect(result.message).toContain('initialSolution');
  });

  test('HiGHS without the start finds no incumbent in the same time (the start is what made the difference)', async () => {
    const { model } = hard();
    const result = await solve(model, { backend: 'highs', timeLimitSeconds: 1 });
    expect(result.status).toBe('time_limit');
    expect(result.values).toBeNull();
  });

  test('an infeasible start never comes back as a solution', async () => {
    const { model, planted } = hard();
    const wrong = planted.map((v) => 1 - v);
    const result = await solve(model, { backend: 'highs', timeLimitSeconds: 1, initialSolution: wrong });
    if (result.values !== null) expect(checkFeasible(model, result.values, 1e-6)).toEqual([]);
    else expect(result.status).toBe('time_limit');
  });

  test('a start of the wrong length is a usage error naming the counts', async () => {
    const { model } = hard();
    await expect(solve(model, { backend: 'highs', initialSolution: new Float64Array(3) })).rejects.toThrow(
      /initialSolution has 3 values but model .* has 40 variables/,
    );
  });

  test('GLPK ignores it and says so', async () => {
    const model = marketSplit(2, 8, 3);
    const start = new Float64Array(model.numVariables);
    const result = await solve(model, { backend: 'glpk', initialSolution: start });
    expect(result.status).toBe('optimal');
    expect(result.message).toContain('initialSolution ignored');
  });
});

describe('presolve: false', () => {
  const optimalCases = cases.filter((c) => c.expected.status === 'optimal' && c.build().numVariables > 0);
  // GLPK ignores the option (glp_intopt in glpk.js needs its presolver); it must still solve.
  test.each(BACKENDS)('%s reaches the same optima with presolve: false', async (backend) => {
    for (const testCase of optimalCases) {
      const model = testCase.build();
      const expected = testCase.expected as { objective: number };
      const result = await solve(model, { backend, mipRelGap: 0, presolve: false });
      expect({ name: testCase.name, status: result.status }).toEqual({ name: testCase.name, status: 'optimal' });
      expect(relativeDifference(result.objective as number, expected.objective)).toBeLessThanOrEqual(REL_TOL);
      expect(checkFeasible(model, result.values as Float64Array, 1e-6)).toEqual([]);
    }
  });

  test('HiGHS stops a hard instance near its time limit on the wall clock, without presolve too', async () => {
    const { model, planted } = plantedMarketSplit(5, 40, 11);
    const started = performance.now();
    const result = await solve(model, { backend: 'highs', timeLimitSeconds: 1, presolve: false, initialSolution: planted });
    expect((performance.now() - started) / 1000).toBeLessThan(5);
    expect(['feasible', 'optimal']).toContain(result.status);
    expect(checkFeasible(model, result.values as Float64Array, 1e-6)).toEqual([]);
  });
});
