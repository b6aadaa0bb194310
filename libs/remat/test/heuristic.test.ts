import {
  linearChain,
  randomLayeredGraph,
  toTopoGraph,
  totalComputeCost,
  type TopoGraph,
} from '@strata/graph';
import { checkFeasible } from '@strata/solver';
import { noRematPeak } from '../src/budget.js';
import { heuristicPlan, greedyRematPlanner } from '../src/heuristic/planner.js';
import { StageState } from '../src/heuristic/stage-state.js';
import { gapAt } from '../src/heuristic/gaps.js';
import { buildCheckmateMilp } from '../src/milp/formulation.js';
import { noRecomputePlan } from '../src/milp/incumbent.js';
import { milpPlanner } from '../src/milp/planner.js';
import { exactOptimum } from '../src/oracle/exact.js';
import { getPlanner } from '../src/planners/registry.js';
import { simulate } from '../src/simulator/simulate.js';

const randomGraphs: [string, TopoGraph][] = [3, 7, 11, 19].map((seed) => [
  `random layered, seed ${seed}`,
  toTopoGraph(
    randomLayeredGraph({ nodes: 16, width: 3, edgeDensity: 0.5, seed, skipDensity: 0.3 }),
  ),
]);

/** Every distinct budget worth testing: each 2% of the no-remat peak down to 1 byte. */
function budgets(topo: TopoGraph): number[] {
  const peak = noRematPeak(topo);
  const list = new Set<number>();
  for (let pct = 100; pct >= 2; pct -= 2) list.add(Math.max(1, Math.floor((peak * pct) / 100)));
  return [...list];
}

describe('StageState (incremental stage evaluation)', () => {
  test.each(randomGraphs)(
    '%s: after random hold/drop changes every stage matches the simulator',
    (_name, topo) => {
      const state = new StageState(topo, noRecomputePlan(topo).S);
      let seed = 5;
      const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      for (let step = 0; step < 60; step++) {
        const t = 1 + Math.floor(next() * (topo.size - 1));
        const i = Math.floor(next() * t);
        const gap = gapAt(topo, i, t);
        if (gap === null) continue;
        state.setHeld(gap.value, gap.from, gap.to, next() < 0.6 ? 0 : 1);
        const replay = simulate(topo, state.plan());
        expect(replay.valid).toBe(true);
        expect(state.peakStage().bytes).toBe(replay.peakBytes);
        expect(state.totalCost()).toBeCloseTo(replay.cost, 9);
      }
    },
  );
});

describe('greedy-remat heuristic', () => {
  test.each(randomGraphs)(
    '%s: every plan is simulator-valid and within budget, at every budget',
    async (_name, topo) => {
      let found = 0;
      for (const budget of budgets(topo)) {
        const out = await greedyRematPlanner(topo, budget, {});
        expect(out.optimal).toBe(false);
        if (out.plan === null) {
          expect(out.status).toBe('over-budget');
          continue;
        }
        found++;
        const replay = simulate(topo, out.plan);
        expect(replay.valid).toBe(true);
        expect(replay.peakBytes).toBeLessThanOrEqual(budget);
        expect(out.lowerBound).toBe(totalComputeCost(topo));
        expect(out.gap).toBeCloseTo((replay.cost - totalComputeCost(topo)) / replay.cost, 9);
        // The plan is a feasible point of Checkmate's MILP at this budget (the warm start is valid).
        const milp = buildCheckmateMilp(topo, budget);
        expect(checkFeasible(milp.model, milp.encode(out.plan))).toEqual([]);
      }
      expect(found).toBeGreaterThan(10);
    },
  );

  test.each([6, 8])(
    'linear chain n = %i: no plan below the exact minimum, a plan at every feasible budget, never below the optimum',
    async (n) => {
      const topo = toTopoGraph(linearChain(n));
      for (let budget = 1; budget <= noRematPeak(topo); budget++) {
        const oracle = exactOptimum(topo, budget);
        if (oracle === 'gave-up') throw new Error('oracle gave up');
        const found = heuristicPlan(topo, budget);
        if (oracle === null) {
          expect([budget, found.plan, found.status]).toEqual([budget, null, 'over-budget']);
          continue;
        }
        expect({ budget, found: found.plan !== null }).toEqual({ budget, found: true });
        expect(found.cost as number).toBeGreaterThanOrEqual(oracle.cost);
      }
    },
    60_000,
  );

  test('is registered as a planner (and so a CLI --solver choice)', () => {
    expect(getPlanner('greedy-remat')).toBe(greedyRematPlanner);
  });

  test('an exhausted time limit ends the search with status time_limit, not a wrong answer', async () => {
    const topo = randomGraphs[0]![1];
    const tight = Math.floor(noRematPeak(topo) * 0.3);
    const out = await greedyRematPlanner(topo, tight, { timeLimitSeconds: 1e-9 });
    expect(['time_limit', 'heuristic']).toContain(out.status);
    if (out.plan !== null) expect(simulate(topo, out.plan).peakBytes).toBeLessThanOrEqual(tight);
  });
});

describe('MILP with the heuristic plan as its fallback (HiGHS)', () => {
  test.each(randomGraphs.slice(0, 2))(
    '%s: never worse than the heuristic plan it starts from, even with a 3 s limit',
    async (_name, topo) => {
      const peak = noRematPeak(topo);
      let solved = 0;
      for (const pct of [60, 45, 35]) {
        const budget = Math.floor((peak * pct) / 100);
        const start = heuristicPlan(topo, budget);
        if (start.plan === null) continue;
        const out = await milpPlanner(topo, budget, { backend: 'highs', timeLimitSeconds: 3 });
        expect(out.plan).not.toBeNull();
        const replay = simulate(topo, out.plan!);
        expect(replay.peakBytes).toBeLessThanOrEqual(budget);
        expect(replay.cost).toBeLessThanOrEqual(start.cost as number);
        expect(['optimal', 'feasible', 'heuristic', 'optimal-by-bound']).toContain(out.status);
        if (out.gap !== null) expect(out.gap).toBeGreaterThanOrEqual(0);
        // The result says what ran: the heuristic, then the solve (or why there was none).
        if (out.status !== 'optimal-by-bound') solved++;
        if (out.status === 'optimal-by-bound') expect(out.detail).toMatch(/no solve/);
        else {
          expect(out.detail).toMatch(/greedy-remat: cost \d+.*MILP built: \d+ variables.*; highs /);
          // A model this small is solved without the MIP start (WARM_START_MIN_VARIABLES).
          expect(out.detail).toMatch(/no MIP start \(\d+ < 2000 variables\)/);
          expect(out.detail).not.toMatch(/initialSolution/);
        }
      }
      // At least one budget needed recomputation, so the solve really ran.
      expect(solved).toBeGreaterThan(0);
    },
    120_000,
  );
});
