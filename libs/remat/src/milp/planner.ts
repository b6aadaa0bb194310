import { FailureError } from '@strata/cli';
import { totalComputeCost, type TopoGraph } from '@strata/graph';
import { solve } from '@strata/solver';
import { solveROpt } from '../lp-round/r-opt.js';
import type { Planner, PlannerOutput, StagePlan } from '../plan-types.js';
import { simulate } from '../simulator/index.js';
import { buildCheckmateMilp } from './formulation.js';
import { boundMeetingIncumbent, MAX_MILP_VARIABLES, milpVariableCount } from './incumbent.js';

/**
 * Checkmate's optimal planner: build the MILP, solve it with @strata/solver (backend, time limit and
 * gap from the options), decode R and S, and let the simulator accept the plan. Like gurobi_solver.py,
 * R is then replaced by the least recomputation for the chosen S (solve_r_opt) when that is no more
 * expensive; it only drops computations, so memory can only fall.
 *
 * Statuses: 'optimal' (proven within the gap), 'feasible' (time limit with an incumbent: optimal
 * false, gap reported), 'infeasible' (no plan fits), 'time_limit' (no incumbent). `lowerBound` is the
 * solver's bound in the graph's cost units.
 *
 * When the solver stops without proving optimality, or the model is too large to build
 * (MAX_MILP_VARIABLES), the plan that recomputes nothing is tried: if it fits, its cost Σ C_i meets
 * the trivial lower bound, so it is returned as optimal with status 'optimal-by-bound'. Otherwise the
 * solver's incumbent stands, or there is no plan and the status says why ('time_limit',
 * 'model-too-large').
 */
export const milpPlanner: Planner = async (topo, budgetBytes, options) => {
  const startedAt = performance.now();
  if (milpVariableCount(topo) > MAX_MILP_VARIABLES) {
    return withoutSolution(topo, budgetBytes, 'model-too-large', startedAt, null);
  }
  const milp = buildCheckmateMilp(topo, budgetBytes);
  const result = await solve(milp.model, {
    ...(options.backend !== undefined && { backend: options.backend }),
    ...(options.timeLimitSeconds !== undefined && { timeLimitSeconds: options.timeLimitSeconds }),
    ...(options.mipRelGap !== undefined && { mipRelGap: options.mipRelGap }),
    ...(options.verbose !== undefined && { verbose: options.verbose }),
  });
  if (result.status === 'error' || result.status === 'unbounded') {
    throw new FailureError(
      `MILP solve failed on ${result.backend} (${result.status}): ${result.message ?? 'no detail'}`,
    );
  }
  // GLPK proves optimality without reporting a bound: then the bound is the objective itself.
  const optimal = result.status === 'optimal';
  const bound = result.bound ?? (optimal ? result.objective : null);
  const output = (plan: StagePlan | null): PlannerOutput => ({
    solver: 'milp',
    plan,
    optimal: plan !== null && optimal,
    status: result.status,
    gap: plan === null ? null : (result.gap ?? (optimal ? 0 : null)),
    lowerBound: bound === null ? null : milp.toCost(bound),
    solveSeconds: (performance.now() - startedAt) / 1000,
    backend: result.backend,
  });
  if (result.values === null) {
    if (result.status !== 'time_limit') return output(null);
    return withoutSolution(topo, budgetBytes, 'time_limit', startedAt, result.backend);
  }
  // A time-limited incumbent loses to the no-recompute plan whenever that fits (it meets the bound).
  if (!optimal && boundMeetingIncumbent(topo, budgetBytes)?.optimal) {
    return withoutSolution(topo, budgetBytes, result.status, startedAt, result.backend);
  }
  return output(acceptedPlan(topo, budgetBytes, milp.decode(result.values)));
};

/** The no-recompute plan when it fits (then optimal by the Σ C_i bound), else no plan with `status`. */
function withoutSolution(
  topo: TopoGraph,
  budgetBytes: number,
  status: string,
  startedAt: number,
  backend: PlannerOutput['backend'] | null,
): PlannerOutput {
  const incumbent = boundMeetingIncumbent(topo, budgetBytes);
  const proven = incumbent !== null && incumbent.optimal;
  return {
    solver: 'milp',
    plan: incumbent?.plan ?? null,
    optimal: proven,
    status: proven ? 'optimal-by-bound' : incumbent !== null ? 'heuristic' : status,
    gap: proven ? 0 : null,
    lowerBound: totalComputeCost(topo),
    solveSeconds: (performance.now() - startedAt) / 1000,
    ...(backend !== null && { backend }),
  };
}

/** The decoded plan, or the same S with the least R when that replays no worse; checked by the simulator. */
function acceptedPlan(topo: TopoGraph, budgetBytes: number, decoded: StagePlan): StagePlan {
  const replay = simulate(topo, decoded);
  if (!replay.valid || replay.peakBytes > budgetBytes) {
    throw new FailureError(
      `the MILP solution does not replay within the budget (${replay.error ?? `peak ${replay.peakBytes} > ${budgetBytes}`}): this is a bug`,
    );
  }
  const pruned: StagePlan = { R: solveROpt(topo, decoded.S), S: decoded.S };
  const prunedReplay = simulate(topo, pruned);
  const better =
    prunedReplay.valid && prunedReplay.peakBytes <= budgetBytes && prunedReplay.cost <= replay.cost;
  return better ? pruned : decoded;
}
