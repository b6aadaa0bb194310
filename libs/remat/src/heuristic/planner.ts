import { totalComputeCost, type TopoGraph } from '@strata/graph';
import { relativeGap } from '@strata/solver';
import type { Planner, PlannerOutput, StagePlan } from '../plan-types.js';
import { simulate } from '../simulator/index.js';
import { dropGreedyPlan, type DropScoring } from './drop-greedy.js';

/** Both drop scorings run; the cheaper plan wins (see DropScoring). */
const SCORINGS: readonly DropScoring[] = ['peak', 'excess'];

/** A heuristic plan with the cost the simulator measures for it, or null with the reason. */
export interface HeuristicPlan {
  readonly plan: StagePlan | null;
  readonly cost: number | null;
  /** 'heuristic' (a plan within budget), 'over-budget' (none found), 'time_limit' (out of time). */
  readonly status: 'heuristic' | 'over-budget' | 'time_limit';
}

/**
 * The general heuristic (drop-greedy.ts, run with each scoring; the cheaper plan wins), replayed by
 * the simulator: a plan over the budget or an invalid one would be a bug in the heuristic and
 * throws. `deadline` is a performance.now() time.
 */
export function heuristicPlan(
  topo: TopoGraph,
  budgetBytes: number,
  deadline = Infinity,
): HeuristicPlan {
  let best: HeuristicPlan = { plan: null, cost: null, status: 'over-budget' };
  for (const scoring of SCORINGS) {
    const { plan, outcome } = dropGreedyPlan(topo, budgetBytes, scoring, deadline);
    if (plan === null) {
      if (outcome === 'deadline' && best.plan === null)
        best = { plan: null, cost: null, status: 'time_limit' };
      continue;
    }
    const replay = simulate(topo, plan);
    if (!replay.valid || replay.peakBytes > budgetBytes) {
      throw new Error(
        `greedy-remat built a plan the simulator rejects (${replay.error ?? `peak ${replay.peakBytes} > budget ${budgetBytes}`}): this is a bug`,
      );
    }
    if (best.cost === null || replay.cost < best.cost)
      best = { plan, cost: replay.cost, status: 'heuristic' };
  }
  return best;
}

/**
 * `greedy-remat`: a plan for any budget the greedy can reach, in well under a second on the paper
 * graphs. Not optimal; its gap is reported against the trivial lower bound Σ C_i (no plan costs
 * less). 'over-budget' means the greedy found nothing, which does not prove that no plan exists.
 */
export const greedyRematPlanner: Planner = async (topo, budgetBytes, options) => {
  const startedAt = performance.now();
  const deadline =
    options.timeLimitSeconds === undefined ? Infinity : startedAt + options.timeLimitSeconds * 1000;
  const found = heuristicPlan(topo, budgetBytes, deadline);
  const lowerBound = totalComputeCost(topo);
  const output: PlannerOutput = {
    solver: 'greedy-remat',
    plan: found.plan,
    optimal: false,
    status: found.status,
    gap: found.cost === null ? null : relativeGap(found.cost, lowerBound),
    lowerBound,
    solveSeconds: (performance.now() - startedAt) / 1000,
  };
  return output;
};
