import { linearChain, toTopoGraph } from '@strata/graph';
import type { BackendName } from '@strata/solver';
import { noRematPeak } from '../src/budget.js';
import { milpPlanner } from '../src/milp/planner.js';
import { exactOptimum } from '../src/oracle/exact.js';
import { simulate } from '../src/simulator/simulate.js';

/**
 * The MILP optimum must equal the exact oracle's at every budget from below the smallest feasible
 * one up to the no-remat peak, on Checkmate's linear chains (unit costs and sizes), n = 2…10 here;
 * larger n in benchmarks/remat/chain-oracle.ts.
 */
async function compareAtEveryBudget(n: number, backend: BackendName): Promise<void> {
  const topo = toTopoGraph(linearChain(n));
  let previous = Infinity;
  let feasibleBudgets = 0;
  for (let budget = 1; budget <= noRematPeak(topo); budget++) {
    const oracle = exactOptimum(topo, budget, previous < Infinity ? { upperBound: previous } : {});
    if (oracle === 'gave-up') throw new Error('oracle gave up');
    const milp = await milpPlanner(topo, budget, { backend });
    // The backend is named only when it ran (not when the no-recompute plan answered by the bound).
    expect(milp.backend).toBe(milp.status === 'optimal-by-bound' ? undefined : backend);
    if (oracle === null) {
      expect(milp.plan).toBeNull();
      expect(milp.status).toBe('infeasible');
      continue;
    }
    feasibleBudgets++;
    previous = oracle.cost;
    // Where the no-recompute plan fits, the planner returns it without a solve (its cost is the bound).
    expect(['optimal', 'optimal-by-bound']).toContain(milp.status);
    expect(milp.optimal).toBe(true);
    expect(milp.plan).not.toBeNull();
    const replay = simulate(topo, milp.plan!);
    expect(replay.valid).toBe(true);
    expect(replay.peakBytes).toBeLessThanOrEqual(budget);
    expect({ budget, cost: replay.cost }).toEqual({ budget, cost: oracle.cost });
    expect(milp.lowerBound).toBeCloseTo(oracle.cost, 6);
  }
  expect(feasibleBudgets).toBe(noRematPeak(topo) - 2); // the smallest feasible budget is 3
}

describe('Checkmate MILP equals the exact oracle on linear chains', () => {
  // n = 8…16 at every budget also run in benchmarks/remat/chain-oracle.ts (chain-oracle.md). The
  // 4-slot budget is the slow one: n = 9 and 10 take 30 s and 48 s there on a loaded 2-core machine.
  test.each([2, 3, 4, 5, 6, 7])('HiGHS, n = %i', (n) => compareAtEveryBudget(n, 'highs'), 60_000);
  test.each([8, 9, 10])('HiGHS, n = %i', (n) => compareAtEveryBudget(n, 'highs'), 300_000);
  test.each([2, 3, 4])('GLPK, n = %i', (n) => compareAtEveryBudget(n, 'glpk'));

  test('HiGHS, n = 16 (33 nodes, past one 32-bit mask word) near the no-remat peak', async () => {
    // The tight budgets take HiGHS minutes at n = 16 (chain-oracle.md); the three just below the
    // peak take well under a second each and still need recomputation. At these roomy budgets the
    // oracle needs an upper bound to prune (without one it queues every subset that fits): the
    // simulated cost of the MILP's plan. A bound only prunes; if it were below the optimum the
    // oracle would search again without it, so the oracle's answer never depends on the MILP's.
    const topo = toTopoGraph(linearChain(16));
    expect(topo.size).toBe(33);
    const peak = noRematPeak(topo);
    for (let budget = peak - 3; budget < peak; budget++) {
      const milp = await milpPlanner(topo, budget, { backend: 'highs' });
      expect(milp.status).toBe('optimal');
      const replay = simulate(topo, milp.plan!);
      expect(replay.valid).toBe(true);
      expect(replay.peakBytes).toBeLessThanOrEqual(budget);
      const oracle = exactOptimum(topo, budget, { upperBound: replay.cost, maxStates: 1_000_000 });
      if (oracle === null || oracle === 'gave-up')
        throw new Error(`oracle: no optimum at ${budget}`);
      const oracleReplay = simulate(topo, oracle.plan);
      expect(oracleReplay.peakBytes).toBeLessThanOrEqual(budget);
      expect(oracleReplay.cost).toBe(oracle.cost);
      expect({ budget, cost: replay.cost }).toEqual({ budget, cost: oracle.cost });
      expect(oracle.cost).toBeGreaterThan(topo.size); // something is recomputed
    }
  }, 120_000);

  test('non-integral costs and sizes (no common divisor): the optimum still equals the oracle', async () => {
    const topo = toTopoGraph(linearChain(4, { cost: Math.E, bytes: Math.PI }));
    for (let slots = 3; slots <= 6; slots++) {
      const budget = (slots + 0.5) * Math.PI; // between two feasibility thresholds
      const oracle = exactOptimum(topo, budget);
      if (oracle === null || oracle === 'gave-up')
        throw new Error(`oracle found no plan at ${slots} slots`);
      const milp = await milpPlanner(topo, budget, { backend: 'highs' });
      const replay = simulate(topo, milp.plan!);
      expect(replay.peakBytes).toBeLessThanOrEqual(budget);
      expect(replay.cost).toBeCloseTo(oracle.cost, 9);
    }
  });
});
