import { linearChain, toTopoGraph } from '@strata/graph';
import type { BackendName } from '@strata/solver';
import { noRematPeak } from '../src/budget.js';
import { milpPlanner } from '../src/milp/planner.js';
import { exactOptimum } from '../src/oracle/exact.js';
import { simulate } from '../src/simulator/simulate.js';

/**
 * The MILP optimum must equal the exact oracle's at every budget from below the smallest feasible
 * one up to the no-remat peak, on Checkmate's linear chains (unit costs and sizes). Larger n run in a
 * script (see the resolve note); here n stays small enough for CI.
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
  // Odd n and n = 9…11 run in the script behind the resolve note: CI time is shared.
  test.each([2, 4, 6])('HiGHS, n = %i', (n) => compareAtEveryBudget(n, 'highs'));
  test('HiGHS, n = 8', () => compareAtEveryBudget(8, 'highs'), 120_000);
  test.each([2, 3, 4])('GLPK, n = %i', (n) => compareAtEveryBudget(n, 'glpk'));

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
