import type { TopoGraph } from '@strata/graph';
import { solveROpt } from '../lp-round/r-opt.js';
import { simulate } from '../simulator/index.js';
import type { PlannerId, PlannerOutput, StagePlan } from '../plan-types.js';

/** A checkpoint choice S completed with the least recomputation R for it (as Checkmate's baselines do). */
export function planFromCheckpoints(topo: TopoGraph, S: Uint8Array[]): StagePlan {
  return { R: solveROpt(topo, S), S };
}

export interface ScoredPlan {
  readonly plan: StagePlan;
  readonly peakBytes: number;
  readonly cost: number;
}

/** Simulates a heuristic's plan; null when the plan is invalid (a bug in the heuristic, reported upstream). */
export function score(topo: TopoGraph, plan: StagePlan): ScoredPlan {
  const result = simulate(topo, plan);
  if (!result.valid)
    throw new Error(`heuristic built an invalid plan: ${result.error ?? 'unknown'}`);
  return { plan, peakBytes: result.peakBytes, cost: result.cost };
}

/** The cheapest of the candidates that fit the budget (ties: lower peak), or null. */
export function bestUnderBudget(
  candidates: Iterable<ScoredPlan>,
  budgetBytes: number,
): ScoredPlan | null {
  let best: ScoredPlan | null = null;
  for (const c of candidates) {
    if (c.peakBytes > budgetBytes) continue;
    if (
      best === null ||
      c.cost < best.cost ||
      (c.cost === best.cost && c.peakBytes < best.peakBytes)
    )
      best = c;
  }
  return best;
}

/**
 * A heuristic's answer: its plan when it fits the budget, else no plan ('over-budget': the heuristic
 * has nothing that fits, which says nothing about whether a plan exists).
 */
export function heuristicOutput(
  solver: PlannerId,
  chosen: ScoredPlan | null,
  startedAt: number,
  status = 'heuristic',
): PlannerOutput {
  return {
    solver,
    plan: chosen?.plan ?? null,
    optimal: false,
    status: chosen === null ? 'over-budget' : status,
    gap: null,
    lowerBound: null,
    solveSeconds: (performance.now() - startedAt) / 1000,
  };
}
