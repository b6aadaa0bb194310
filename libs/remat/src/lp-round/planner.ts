import { FailureError } from '@strata/cli';
import { totalComputeCost, type TopoGraph } from '@strata/graph';
import { solve, type SolveOptions } from '@strata/solver';
import { buildCheckmateMilp, type FractionalPlan } from '../milp/formulation.js';
import { boundMeetingIncumbent, MAX_MILP_VARIABLES, milpVariableCount } from '../milp/incumbent.js';
import type { Planner, PlannerOptions, StagePlan } from '../plan-types.js';
import { simulate } from '../simulator/index.js';
import { solveROpt } from './r-opt.js';
import { repairRounding } from './repair.js';
import { DEFAULT_THRESHOLDS, randomS, seededRandom, thresholdS } from './rounding.js';

/**
 * LP budgets as fractions of the real one: a tighter LP leaves room for rounding to overshoot.
 * Checkmate uses 0.9; each is tried while the time limit allows, since a tighter LP can round to a
 * cheaper plan than a repaired looser one.
 */
export const LP_BUDGET_FACTORS: readonly number[] = [1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7];
export const RANDOM_ROUNDS = 64;
/**
 * Above this many LP variables HiGHS solves the relaxation by interior point without crossover:
 * MobileNet's LP (77k variables, 111k rows) takes 42 s that way and over 60 s by simplex. Below it
 * simplex is fast and its vertex solutions are more often integral, which rounding likes.
 */
export const IPM_MIN_VARIABLES = 30_000;

interface Candidate {
  plan: StagePlan;
  cost: number;
  peakBytes: number;
}

/**
 * Checkmate's two-phase LP rounding (strategy_approx_lp.py). Solve the LP relaxation of the same
 * MILP, at the budget and at reduced budgets (LP_BUDGET_FACTORS); from each LP's S take the deterministic
 * threshold roundings and seeded randomized roundings, complete each with the least R
 * (solve_r_opt), replay it in the simulator, and keep the cheapest plan within the real budget.
 * The LP optimum at the real budget is a lower bound on every plan's cost: it is reported as
 * `lowerBound` and `gap`, and a plan that meets it is reported optimal.
 *
 * When the no-recompute plan fits, it is returned at once: its cost Σ C_i is the least possible, so
 * no LP can improve it (MobileNet at 100% spent its whole 60 s on an LP that proved just that). A
 * model above MAX_MILP_VARIABLES is not built (its LP alone would outlast any time limit): then only
 * the no-recompute plan is tried, as in the MILP planner.
 */
export const lpRoundPlanner: Planner = async (topo, budgetBytes, options) => {
  const startedAt = performance.now();
  const noRecompute = boundMeetingIncumbent(topo, budgetBytes);
  if (noRecompute?.optimal || milpVariableCount(topo) > MAX_MILP_VARIABLES) {
    const incumbent = noRecompute;
    return {
      solver: 'lp-round',
      plan: incumbent?.plan ?? null,
      optimal: incumbent?.optimal ?? false,
      status:
        incumbent === null
          ? 'model-too-large'
          : incumbent.optimal
            ? 'optimal-by-bound'
            : 'heuristic',
      gap: incumbent?.optimal ? 0 : null,
      lowerBound: totalComputeCost(topo),
      solveSeconds: seconds(startedAt),
    };
  }
  let lowerBound: number | null = null;
  let best: Candidate | null = null;
  let backend: PlannerOptions['backend'];
  let lpTimedOut = false;
  for (const factor of LP_BUDGET_FACTORS) {
    // The time limit covers the whole planner: each LP gets what is left of it.
    const left =
      options.timeLimitSeconds === undefined
        ? undefined
        : options.timeLimitSeconds - seconds(startedAt);
    if (left !== undefined && left <= 0) {
      lpTimedOut = true;
      break;
    }
    const lpBudget = Math.floor(budgetBytes * factor);
    const lp = buildCheckmateMilp(topo, lpBudget, { relax: true });
    const lpMethod: SolveOptions['lpMethod'] =
      lp.model.numVariables >= IPM_MIN_VARIABLES ? 'ipm-no-crossover' : 'simplex';
    const result = await solve(lp.model, solveOptions(options, left, lpMethod));
    backend = result.backend;
    if (result.status === 'infeasible') {
      if (factor === 1) {
        // The relaxation has no point at the real budget, so no plan exists at all.
        return {
          solver: 'lp-round',
          plan: null,
          optimal: false,
          status: 'infeasible',
          gap: null,
          lowerBound: null,
          solveSeconds: seconds(startedAt),
          backend,
        };
      }
      break; // smaller budgets are infeasible too
    }
    if (result.status !== 'optimal' || result.values === null || result.objective === null) {
      if (result.status === 'time_limit' || result.status === 'feasible') {
        lpTimedOut = true;
        break;
      }
      throw new FailureError(
        `LP relaxation failed on ${result.backend} (${result.status}): ${result.message ?? 'no detail'}`,
      );
    }
    if (factor === 1) lowerBound = lp.toCost(result.objective);
    // Repairs stop at the time limit (without one they always run): the plan found so far stands.
    const deadline =
      options.timeLimitSeconds === undefined
        ? Infinity
        : startedAt + options.timeLimitSeconds * 1000;
    best = roundAll(
      topo,
      budgetBytes,
      lp.fractional(result.values),
      options.seed ?? 0,
      best,
      deadline,
    );
    if (best !== null && lowerBound !== null && best.cost <= lowerBound * (1 + 1e-9)) break; // cannot improve
  }
  // The no-recompute plan beats every rounding when it fits (its cost Σ C_i is the least possible);
  // it also covers an LP that ran out of time.
  const sumCost = totalComputeCost(topo);
  if (noRecompute !== null && (best === null || best.cost > noRecompute.cost))
    best = { plan: noRecompute.plan, cost: noRecompute.cost, peakBytes: noRecompute.peakBytes };
  const bound = Math.max(lowerBound ?? sumCost, sumCost);
  const optimal = best !== null && best.cost <= bound * (1 + 1e-9);
  return {
    solver: 'lp-round',
    plan: best?.plan ?? null,
    optimal,
    // No plan: 'time_limit' when an LP ran out of time (ResNet50's takes minutes), else no rounding fitted.
    status:
      best === null
        ? lpTimedOut
          ? 'time_limit'
          : 'over-budget'
        : optimal
          ? 'optimal'
          : 'heuristic',
    gap: best === null ? null : Math.max(0, (best.cost - bound) / Math.max(best.cost, 1e-10)),
    lowerBound: bound,
    solveSeconds: seconds(startedAt),
    ...(backend !== undefined && { backend }),
  };
};
function solveOptions(
  options: PlannerOptions,
  timeLimitSeconds: number | undefined,
  lpMethod: SolveOptions['lpMethod'],
): SolveOptions {
  return {
    relax: true,
    lpMethod,
    ...(options.backend !== undefined && { backend: options.backend }),
    ...(timeLimitSeconds !== undefined && { timeLimitSeconds }),
    ...(options.verbose !== undefined && { verbose: options.verbose }),
  };
}

/**
 * Every threshold and randomized rounding of one LP solution; returns the best within budget so far.
 * Roundings over budget are repaired (repair.ts: drop the least-believed checkpoints at the stage
 * over budget until the plan fits) until the deadline (performance.now() milliseconds) passes.
 */
function roundAll(
  topo: TopoGraph,
  budgetBytes: number,
  fractional: FractionalPlan,
  seed: number,
  incumbent: Candidate | null,
  deadline: number,
): Candidate | null {
  let best = incumbent;
  const seen = new Set<string>();
  const keep = (candidate: Candidate): void => {
    if (
      best === null ||
      candidate.cost < best.cost ||
      (candidate.cost === best.cost && candidate.peakBytes < best.peakBytes)
    )
      best = candidate;
  };
  const consider = (S: Uint8Array[]): void => {
    const key = S.map((row) => row.join('')).join('|');
    if (seen.has(key)) return;
    seen.add(key);
    const plan: StagePlan = { R: solveROpt(topo, S), S };
    const replay = simulate(topo, plan);
    if (!replay.valid)
      throw new FailureError(
        `LP rounding built an invalid plan (${replay.error ?? 'unknown'}): this is a bug`,
      );
    if (replay.peakBytes <= budgetBytes) {
      keep({ plan, cost: replay.cost, peakBytes: replay.peakBytes });
      return;
    }
    // A repair only adds recomputation: pointless when the rounding already costs more than the best.
    if (performance.now() > deadline || (best !== null && replay.cost >= best.cost)) return;
    const repaired = repairRounding(topo, budgetBytes, fractional, S);
    if (repaired !== null) keep(repaired);
  };
  for (const threshold of DEFAULT_THRESHOLDS) consider(thresholdS(fractional, threshold));
  const random = seededRandom(seed);
  for (let round = 0; round < RANDOM_ROUNDS; round++) consider(randomS(fractional, random));
  return best;
}

function seconds(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
