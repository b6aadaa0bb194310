import { linearChain, toTopoGraph, totalComputeCost, type TopoGraph } from '@strata/graph';
import { noRematPeak } from '../src/budget.js';
import { lpRoundPlanner } from '../src/lp-round/planner.js';
import { buildCheckmateMilp } from '../src/milp/formulation.js';
import { MAX_MILP_VARIABLES, milpVariableCount, noRecomputePlan } from '../src/milp/incumbent.js';
import { milpPlanner } from '../src/milp/planner.js';
import { simulate } from '../src/simulator/simulate.js';
import { describeWithSharedData } from '@strata/cli/testing';
import { loadCheckmateGraph } from './fixtures/shared.js';

const N1000 = 'random_layered_n1000_w0.31_nlv0.75_ed0.2_scd0.14.json';

describe('no-recompute incumbent', () => {
  test('is valid, costs exactly Σ C_i and peaks no higher than checkpoint-all', () => {
    const topo = toTopoGraph(linearChain(6));
    const replay = simulate(topo, noRecomputePlan(topo));
    expect(replay.valid).toBe(true);
    expect(replay.cost).toBe(totalComputeCost(topo));
    expect(replay.peakBytes).toBeLessThanOrEqual(noRematPeak(topo));
  });

  test('the variable count estimate matches the built model', () => {
    const topo = toTopoGraph(linearChain(5));
    expect(milpVariableCount(topo)).toBe(buildCheckmateMilp(topo, 10).model.numVariables);
  });
});

describeWithSharedData('random_layered_n1000 (forward-only, ~4·10^6 MILP variables)', () => {
  let topo: TopoGraph;
  let peak: number;
  beforeAll(async () => {
    topo = await loadCheckmateGraph(N1000);
    peak = noRematPeak(topo);
  });

  test('the model is too large to build; at 60% the no-recompute plan fits and is optimal by the Σ C bound', async () => {
    expect(milpVariableCount(topo)).toBeGreaterThan(MAX_MILP_VARIABLES);
    const budget = Math.floor(peak * 0.6);
    for (const planner of [milpPlanner, lpRoundPlanner]) {
      const out = await planner(topo, budget, { backend: 'highs', timeLimitSeconds: 60 });
      expect(out.status).toBe('optimal-by-bound');
      expect(out.optimal).toBe(true);
      expect(out.gap).toBe(0);
      const replay = simulate(topo, out.plan!);
      expect(replay.peakBytes).toBeLessThanOrEqual(budget);
      expect(replay.cost).toBe(out.lowerBound);
      expect(out.solveSeconds).toBeLessThan(60);
    }
  }, 60_000);

  test('below the no-recompute peak the model is too large: the heuristic plan comes back with its gap', async () => {
    const budget = Math.floor(peak * 0.25);
    const out = await milpPlanner(topo, budget, { backend: 'highs', timeLimitSeconds: 60 });
    expect([out.status, out.optimal]).toEqual(['heuristic', false]);
    const replay = simulate(topo, out.plan!);
    expect(replay.valid).toBe(true);
    expect(replay.peakBytes).toBeLessThanOrEqual(budget);
    expect(out.lowerBound).toBe(totalComputeCost(topo));
    expect(out.gap).toBeCloseTo((replay.cost - totalComputeCost(topo)) / replay.cost, 9);
    expect(out.solveSeconds).toBeLessThan(60);
  }, 120_000);
});
