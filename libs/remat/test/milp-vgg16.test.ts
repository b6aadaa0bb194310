import { totalComputeCost, type TopoGraph } from '@strata/graph';
import { noRematPeak } from '../src/budget.js';
import { milpPlanner } from '../src/milp/planner.js';
import { simulate } from '../src/simulator/simulate.js';
import { describeWithSharedData } from '@strata/cli/testing';
import { loadCheckmateGraph, VGG16 } from './fixtures/shared.js';

describeWithSharedData('MILP planner on the VGG16 training graph (Checkmate paper)', () => {
  let topo: TopoGraph;
  let peak: number;
  beforeAll(async () => {
    topo = await loadCheckmateGraph(VGG16);
    peak = noRematPeak(topo);
  });

  test.each([0.7])(
    'HiGHS proves the optimum at %p of the no-remat peak and the plan fits',
    async (fraction) => {
      const budget = Math.floor(peak * fraction);
      const out = await milpPlanner(topo, budget, { backend: 'highs' });
      expect(out.status).toBe('optimal');
      expect(out.optimal).toBe(true);
      expect(out.gap).not.toBeNull();
      expect(out.gap!).toBeLessThanOrEqual(1e-4);
      const replay = simulate(topo, out.plan!);
      expect(replay.valid).toBe(true);
      expect(replay.peakBytes).toBeLessThanOrEqual(budget);
      // Never cheaper than one forward and backward pass, never below the proven bound.
      expect(replay.cost).toBeGreaterThanOrEqual(totalComputeCost(topo));
      expect(out.lowerBound!).toBeLessThanOrEqual(replay.cost * (1 + 1e-9));
      expect(out.lowerBound!).toBeGreaterThanOrEqual(replay.cost * (1 - 1e-4));
      // 4534 variables: large enough for the greedy plan to be HiGHS's MIP start.
      expect(out.detail).toMatch(/started from the given initialSolution/);
      expect(out.detail).not.toMatch(/no MIP start/);
    },
    120_000,
  );

  test('a budget below the largest single activation is infeasible: no plan, status infeasible', async () => {
    const largest = Math.max(...topo.outputBytes);
    const out = await milpPlanner(topo, largest - 1, { backend: 'highs' });
    expect(out.plan).toBeNull();
    expect(out.status).toBe('infeasible');
    expect(out.optimal).toBe(false);
  }, 60_000);

  test('a 2 s limit on GLPK (which ignores the warm start) still returns the heuristic plan, not optimal, with a gap', async () => {
    const budget = Math.floor(peak * 0.6);
    const out = await milpPlanner(topo, budget, { backend: 'glpk', timeLimitSeconds: 2 });
    expect(out.optimal).toBe(false);
    expect(['feasible', 'heuristic']).toContain(out.status);
    expect(out.gap).not.toBeNull();
    expect(out.gap!).toBeGreaterThanOrEqual(0);
    const replay = simulate(topo, out.plan!);
    expect(replay.peakBytes).toBeLessThanOrEqual(budget);
    expect(out.lowerBound!).toBeLessThanOrEqual(replay.cost);
    expect(out.solveSeconds).toBeLessThan(30);
  }, 60_000);

  test('where the no-recompute plan fits it is returned at once, optimal by the Σ C bound, without a solve', async () => {
    const budget = Math.floor(peak * 0.9); // the no-recompute plan peaks near 72%
    const out = await milpPlanner(topo, budget, { backend: 'glpk', timeLimitSeconds: 60 });
    expect([out.status, out.optimal, out.gap]).toEqual(['optimal-by-bound', true, 0]);
    expect(out.backend).toBeUndefined();
    const replay = simulate(topo, out.plan!);
    expect(replay.peakBytes).toBeLessThanOrEqual(budget);
    expect(replay.cost).toBe(totalComputeCost(topo));
    expect(out.solveSeconds).toBeLessThan(2);
  }, 60_000);
});
