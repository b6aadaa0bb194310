import { FailureError } from '@strata/cli';
import { totalComputeCost, type TopoGraph } from '@strata/graph';
import { relativeGap, solve, type SolveResult } from '@strata/solver';
import { heuristicPlan, type HeuristicPlan } from '../heuristic/planner.js';
import { solveROpt } from '../lp-round/r-opt.js';
import type { Planner, PlannerOptions, PlannerOutput, StagePlan } from '../plan-types.js';
import { simulate } from '../simulator/index.js';
import { buildCheckmateMilp } from './formulation.js';
import { boundMeetingIncumbent, MAX_MILP_VARIABLES, milpVariableCount } from './incumbent.js';

/** Share of the time limit the heuristic may use before the MILP is built. */
const HEURISTIC_SHARE = 0.25;
/** Below this many seconds left, the MILP is not built: the heuristic plan is the answer. */
const MIN_SOLVE_SECONDS = 1;
/**
 * Above this many variables a time-limited solve starts without presolve (MobileNet has 7.7·10^4,
 * ResNet50 2.9·10^5): on ResNet50 HiGHS's presolve takes ~28 s of a 60 s limit and removes under 1%
 * of rows, and without it MobileNet at 60% gets 1.0104 in 54 s where with it HiGHS keeps the greedy
 * start, 1.0118 (at 80% both prove 1.0021: 37 s without, 21 s with). Without presolve HiGHS can run
 * out of its 2 GiB WASM heap (ResNet50 at 90%: `Aborted()` after 27-45 s at 1.9 GiB); the solve is
 * then retried with presolve on (which peaked at ~0.8 GB there) in the time left.
 */
const PRESOLVE_MAX_VARIABLES = 50_000;
/**
 * Below this many variables HiGHS gets no MIP start: on small models it proves optimality quickly by
 * itself, and a start far from the optimum makes it restart at the root and run longer (Checkmate
 * chains, 767-1124 variables, at 4 slots: n = 9 37 s warm vs 16 s cold, n = 10 36 vs 26, n = 11 47
 * vs 34, at load ~10). On VGG16 (4534 variables), where greedy-remat is already optimal, the start
 * helps (0.7 vs 3.1 s at 70%). The greedy plan stays the fallback either way.
 */
const WARM_START_MIN_VARIABLES = 2_000;
/** Share of the remaining time held back from the solver for its overshoot and for decoding. */
const SOLVER_MARGIN = 0.1;
/** Model build rate measured on this machine (ResNet50: ~1.5·10^5 variables/s); used to skip a build that cannot finish in time. */
const BUILD_VARIABLES_PER_SECOND = 150_000;

/**
 * Checkmate's optimal planner, warm-started:
 *
 * 1. The plan that recomputes nothing: when it fits, its cost Σ C_i meets the trivial lower bound,
 *    so it is returned at once as optimal ('optimal-by-bound').
 * 2. The greedy heuristic (heuristic/): a plan for most budgets in well under a second.
 * 3. The MILP (formulation.ts), built only when it is small enough (MAX_MILP_VARIABLES) and can be
 *    built in the time left; on models of WARM_START_MIN_VARIABLES or more the heuristic plan,
 *    encoded as a full model assignment, is the solver's start (HiGHS uses it as an incumbent; GLPK
 *    ignores it). A large model is solved without presolve, and again with it if HiGHS crashes
 *    (PRESOLVE_MAX_VARIABLES). The decoded plan then has R replaced by
 *    the least recomputation for its S (solve_r_opt) when that is no more expensive, as
 *    gurobi_solver.py does, and the simulator must accept it.
 *
 * `timeLimitSeconds` bounds the whole planner: the heuristic and the model build count against it
 * and the solver gets what is left (HiGHS's own post-processing can still add a little).
 *
 * Statuses: 'optimal' (proven within the gap), 'optimal-by-bound' (step 1), 'feasible' (the solver's
 * incumbent at the time limit, gap reported), 'heuristic' (the heuristic plan: the model was too large
 * or out of time, or the solver found nothing better; gap against the best lower bound known),
 * 'infeasible' (proven: no plan fits), 'time_limit' / 'model-too-large' (no plan at all).
 * `lowerBound` is in the graph's cost units: the solver's bound when it has one, else Σ C_i.
 */
export const milpPlanner: Planner = async (topo, budgetBytes, options) => {
  const startedAt = performance.now();
  const limit = options.timeLimitSeconds;
  const deadline = limit === undefined ? Infinity : startedAt + limit * 1000;
  const baseline = totalComputeCost(topo);
  const seconds = () => (performance.now() - startedAt) / 1000;
  // What ran, for the result's `detail`.
  const steps: string[] = [];
  let stepStart = performance.now();
  const step = (text: string): void => {
    steps.push(`${text} (${((performance.now() - stepStart) / 1000).toFixed(1)} s)`);
    stepStart = performance.now();
  };

  const free = boundMeetingIncumbent(topo, budgetBytes);
  if (free?.optimal) {
    return {
      solver: 'milp',
      plan: free.plan,
      optimal: true,
      status: 'optimal-by-bound',
      gap: 0,
      lowerBound: baseline,
      solveSeconds: seconds(),
      detail: 'the no-recompute plan fits: optimal by the Σ C bound, no solve',
    };
  }

  const heuristicDeadline =
    limit === undefined ? Infinity : startedAt + limit * 1000 * HEURISTIC_SHARE;
  const heuristic = heuristicPlan(topo, budgetBytes, heuristicDeadline);
  step(
    `greedy-remat: ${heuristic.cost === null ? `no plan (${heuristic.status})` : `cost ${heuristic.cost}`}`,
  );
  const fallback = (
    status: string,
    bound: number | null,
    backend?: PlannerOutput['backend'],
  ): PlannerOutput => ({
    ...heuristicOutput(
      heuristic,
      status,
      Math.max(baseline, bound ?? baseline),
      seconds(),
      backend,
    ),
    detail: steps.join('; '),
  });

  const variables = milpVariableCount(topo);
  if (variables > MAX_MILP_VARIABLES) {
    steps.push(`MILP not built: ${variables} variables > ${MAX_MILP_VARIABLES}`);
    return fallback('model-too-large', null);
  }
  const left = (deadline - performance.now()) / 1000;
  if (left - variables / BUILD_VARIABLES_PER_SECOND < MIN_SOLVE_SECONDS) {
    steps.push(`MILP not built: ${left.toFixed(1)} s left of the time limit`);
    return fallback('time_limit', null);
  }

  const milp = buildCheckmateMilp(topo, budgetBytes);
  step(`MILP built: ${milp.model.numVariables} variables`);
  // HiGHS checks its clock between LP iterations and overshoots by a few seconds on a long root LP.
  const solveLimit = ((deadline - performance.now()) / 1000) * (1 - SOLVER_MARGIN);
  if (solveLimit < MIN_SOLVE_SECONDS) {
    steps.push(`MILP not solved: ${solveLimit.toFixed(1)} s left`);
    return fallback('time_limit', null);
  }
  const presolveOff = Number.isFinite(solveLimit) && variables > PRESOLVE_MAX_VARIABLES;
  const warmStart = heuristic.plan !== null && variables >= WARM_START_MIN_VARIABLES;
  const solveFor = (seconds: number, presolve: boolean) =>
    solve(milp.model, {
      ...solverOptions(options),
      ...(Number.isFinite(seconds) && { timeLimitSeconds: seconds }),
      ...(!presolve && { presolve: false }),
      ...(warmStart && { initialSolution: milp.encode(heuristic.plan) }),
    });
  const describe = (r: SolveResult): string =>
    `${r.backend} ${r.status}${r.message === undefined ? '' : ` (${r.message})`}`;
  let result = await solveFor(solveLimit, !presolveOff);
  const coldNote =
    heuristic.plan !== null && !warmStart
      ? `, no MIP start (${variables} < ${WARM_START_MIN_VARIABLES} variables)`
      : '';
  step(`${describe(result)}${presolveOff ? ', presolve off' : ''}${coldNote}`);
  if (result.status === 'error' && result.backend === 'highs' && presolveOff) {
    // Most likely the WASM heap ran out without presolve (see PRESOLVE_MAX_VARIABLES): the time
    // left goes to a second solve with presolve on rather than to nothing.
    const retryLimit = ((deadline - performance.now()) / 1000) * (1 - SOLVER_MARGIN);
    if (retryLimit >= MIN_SOLVE_SECONDS) {
      result = await solveFor(retryLimit, true);
      step(`retried with presolve on: ${describe(result)}`);
    } else {
      steps.push(`not retried: ${retryLimit.toFixed(1)} s left`);
    }
  }
  // A crashed solver (e.g. the WASM runtime aborting) costs the proof, not the plan in hand.
  if (result.status === 'error' && heuristic.plan !== null)
    return fallback('heuristic', null, result.backend);
  if (result.status === 'error' || result.status === 'unbounded') {
    throw new FailureError(
      `MILP solve failed on ${result.backend} (${result.status}): ${result.message ?? 'no detail'}`,
    );
  }
  // GLPK proves optimality without reporting a bound: then the bound is the objective itself.
  const optimal = result.status === 'optimal';
  const solverBound = result.bound ?? (optimal ? result.objective : null);
  // Σ C_i bounds every plan, so a solver stopped before reporting a bound still has one.
  const bound = Math.max(baseline, solverBound === null ? baseline : milp.toCost(solverBound));
  if (result.values === null)
    return fallback(
      result.status === 'infeasible' ? 'infeasible' : 'time_limit',
      bound,
      result.backend,
    );

  const decoded = acceptedPlan(topo, budgetBytes, milp.decode(result.values));
  const cost = simulate(topo, decoded).cost;
  // GLPK ignores the start, so its incumbent can lose to the heuristic; never return the worse plan.
  if (!optimal && heuristic.cost !== null && heuristic.cost < cost)
    return fallback('heuristic', bound, result.backend);
  return {
    solver: 'milp',
    plan: decoded,
    optimal,
    status: result.status,
    gap: optimal ? (result.gap ?? 0) : relativeGap(cost, bound),
    lowerBound: bound,
    solveSeconds: seconds(),
    backend: result.backend,
    detail: steps.join('; '),
  };
};

function solverOptions(options: PlannerOptions): Parameters<typeof solve>[1] {
  return {
    ...(options.backend !== undefined && { backend: options.backend }),
    ...(options.mipRelGap !== undefined && { mipRelGap: options.mipRelGap }),
    ...(options.verbose !== undefined && { verbose: options.verbose }),
  };
}

/**
 * The heuristic's plan ('heuristic', not optimal, gap against `lowerBound`), or no plan with `status`
 * saying why the MILP gave none. A proven 'infeasible' with a heuristic plan in hand cannot happen
 * (the plan is a feasible point of the model); the plan wins and the status says 'heuristic'.
 */
function heuristicOutput(
  heuristic: HeuristicPlan,
  status: string,
  lowerBound: number,
  solveSeconds: number,
  backend?: PlannerOutput['backend'],
): PlannerOutput {
  const found = heuristic.plan !== null && heuristic.cost !== null;
  return {
    solver: 'milp',
    plan: heuristic.plan,
    optimal: false,
    status: found ? 'heuristic' : status,
    gap: found ? relativeGap(heuristic.cost as number, lowerBound) : null,
    lowerBound,
    solveSeconds,
    ...(backend !== undefined && { backend }),
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
