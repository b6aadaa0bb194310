import type {
  Highs,
  HighsCallbackMap,
  InterruptCallbackEvent,
  Model as HighsModel,
  ModelData,
  ModelStatusCode,
  OptionValue,
} from 'highs';
import type { SolverBackend } from '../../backend.js';
import { checkFeasible } from '../../check.js';
import type { Model } from '../../model.js';
import { relativeGap, resultWithoutSolution, secondsSince } from '../../result.js';
import type { SolveOptions, SolveResult } from '../../types.js';
import { toHighsModelData } from './model-data.js';
import { discardHighsRuntime, highsRuntime } from './runtime.js';
import { type RunOutcome, solveInWorker } from './worker-solve.js';

const DEFAULT_MIP_REL_GAP = 1e-4;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** HiGHS (npm `highs`, WebAssembly): the default backend. */
export function createHighsBackend(): SolverBackend {
  let loading: Promise<boolean> | undefined;
  let loadFailure: string | undefined;
  return {
    name: 'highs',
    priority: 2,
    load() {
      loading ??= highsRuntime().then(
        () => true,
        (error: unknown) => {
          loadFailure = messageOf(error);
          discardHighsRuntime();
          return false;
        },
      );
      return loading;
    },
    loadError: () => loadFailure,
    async solve(model, options) {
      const highs = await highsRuntime();
      if (options.timeLimitSeconds !== undefined) {
        const result = await solveTimeLimited(highs, model, options, options.timeLimitSeconds);
        if (result !== undefined) return result;
      }
      try {
        return solveWith(highs, model, options);
      } catch (first) {
        if (first instanceof highs.errors.HighsValidationError) {
          return resultWithoutSolution(
            'highs',
            'error',
            { buildSeconds: 0, solveSeconds: 0 },
            { message: messageOf(first) },
          );
        }
        // Most likely the WASM heap is exhausted or the runtime aborted: start a fresh runtime once.
        discardHighsRuntime();
        try {
          const result = solveWith(await highsRuntime(), model, options);
          result.message = [
            result.message,
            `retried on a fresh HiGHS runtime after: ${messageOf(first)}`,
          ]
            .filter(Boolean)
            .join('; ');
          return result;
        } catch (second) {
          discardHighsRuntime();
          return resultWithoutSolution(
            'highs',
            'error',
            { buildSeconds: 0, solveSeconds: 0 },
            {
              message: `HiGHS failed twice: ${messageOf(first)}; then ${messageOf(second)}`,
            },
          );
        }
      }
    },
  };
}

/** HiGHS options for a solve, as one plain object (the worker gets the same). */
function highsOptionsFor(options: SolveOptions, isMip: boolean): Record<string, OptionValue> {
  const set: Record<string, OptionValue> = {
    output_flag: options.verbose ?? false,
    mip_rel_gap: options.mipRelGap ?? DEFAULT_MIP_REL_GAP,
  };
  if (options.timeLimitSeconds !== undefined) set['time_limit'] = options.timeLimitSeconds;
  if (options.presolve === false) set['presolve'] = 'off';
  // Only for an LP: HiGHS's branch and bound picks its own LP method.
  if (!isMip && options.lpMethod !== undefined && options.lpMethod !== 'simplex') {
    set['solver'] = 'ipm';
    set['run_crossover'] = options.lpMethod === 'ipm' ? 'on' : 'off';
  }
  return set;
}

/**
 * A time-limited solve runs in a worker that is terminated at the deadline (worker-solve.ts);
 * undefined when the outcome needs the in-process path (telling infeasible from unbounded).
 */
async function solveTimeLimited(
  highs: Highs,
  model: Model,
  options: SolveOptions,
  limitSeconds: number,
): Promise<SolveResult | undefined> {
  const buildStart = performance.now();
  const data = toHighsModelData(highs, model, { relax: options.relax ?? false });
  const isMip = data.integrality !== undefined;
  const run = await solveInWorker(
    data,
    highsOptionsFor(options, isMip),
    options.initialSolution,
    limitSeconds,
  );
  const timing = {
    buildSeconds: secondsSince(buildStart) - run.solveSeconds,
    solveSeconds: run.solveSeconds,
  };
  let result: SolveResult;
  if (run.kind === 'failed') {
    result = resultWithoutSolution('highs', 'error', timing, {
      message: `HiGHS worker failed: ${run.message}`,
    });
  } else if (run.kind === 'terminated') {
    const bound = Number.isFinite(run.dualBound) ? run.dualBound : null;
    const note = `HiGHS stopped at the ${limitSeconds.toFixed(1)} s time limit (worker terminated)`;
    const [values, source] = lastFeasible(model, options, run.incumbent);
    if (values === null) {
      result = resultWithoutSolution('highs', 'time_limit', timing, {
        bound,
        message: `${note} without a feasible solution`,
      });
    } else {
      const objective = model.evaluate(values);
      result = {
        status: 'feasible',
        backend: 'highs',
        objective,
        bound,
        gap: relativeGap(objective, bound),
        values,
        ...timing,
      };
      result.message = `${note}, returning ${source}`;
    }
  } else {
    const S = highs.constants.modelStatus;
    const outcome = run.outcome;
    if (outcome.status === S.unboundedOrInfeasible) return undefined;
    // Our own interrupt fires only when the wall-clock limit has passed: report it as the time limit.
    if (outcome.status === S.interrupted) outcome.status = S.timeLimit;
    result = interpret(
      highs,
      model,
      outcome as RunOutcome & { status: ModelStatusCode },
      isMip,
      timing,
    );
  }
  if (run.warmStart !== undefined)
    result.message = [result.message, run.warmStart].filter(Boolean).join('; ');
  return result;
}

/**
 * The solution a terminated solve returns: HiGHS's last reported incumbent, else the caller's start
 * (HiGHS need not report an accepted start as an improving solution); each only if it checks out.
 */
function lastFeasible(
  model: Model,
  options: SolveOptions,
  incumbent: Float64Array | null,
): [Float64Array | null, string] {
  const relax = { relax: options.relax ?? false };
  const fits = (values: Float64Array) =>
    values.length === model.numVariables && checkFeasible(model, values, 1e-6, relax).length === 0;
  if (incumbent !== null && fits(incumbent)) return [incumbent, 'its last incumbent'];
  const start = options.initialSolution;
  if (start !== undefined && fits(start)) return [start.slice(), 'the given initialSolution'];
  return [null, ''];
}

function solveWith(highs: Highs, model: Model, options: SolveOptions): SolveResult {
  const buildStart = performance.now();
  const data = toHighsModelData(highs, model, { relax: options.relax ?? false });
  const instance = highs.createModel();
  try {
    // Options first: passing the model with output on would print HiGHS's banner.
    instance.options.set(highsOptionsFor(options, data.integrality !== undefined));
    instance.passModel(data);
    const warmStart =
      options.initialSolution === undefined
        ? undefined
        : startFrom(highs, instance, options.initialSolution);
    const buildSeconds = secondsSince(buildStart);
    const solveStart = performance.now();
    let status = instance.run(wallClockGuard(options.timeLimitSeconds, solveStart)).modelStatus;
    // Our own interrupt fires only when the wall-clock limit has passed: report it as the time limit.
    if (status === highs.constants.modelStatus.interrupted)
      status = highs.constants.modelStatus.timeLimit;
    if (status === highs.constants.modelStatus.unboundedOrInfeasible) {
      status = classifyUnboundedOrInfeasible(highs, instance, model.numVariables);
    }
    const solveSeconds = secondsSince(solveStart);
    const result = interpret(
      highs,
      model,
      outcomeOf(highs, instance, status, data),
      data.integrality !== undefined,
      {
        buildSeconds,
        solveSeconds,
      },
    );
    if (warmStart !== undefined)
      result.message = [result.message, warmStart].filter(Boolean).join('; ');
    return result;
  } finally {
    instance.dispose();
  }
}

/**
 * HiGHS checks time_limit only at some points (a long presolve or root LP on a large model ran
 * 290 s past a 54 s limit on a loaded machine), so the limit is also enforced on the wall clock from
 * the simplex, IPM and MIP interrupt callbacks. The incumbent, if any, survives the interrupt.
 */
function wallClockGuard(
  limitSeconds: number | undefined,
  startMs: number,
): HighsCallbackMap | undefined {
  if (limitSeconds === undefined) return undefined;
  const stopAt = startMs + limitSeconds * 1000;
  const guard = (event: InterruptCallbackEvent): undefined => {
    if (performance.now() > stopAt) event.interrupt();
    return undefined;
  };
  return { 1: guard, 2: guard, 6: guard };
}

/**
 * Hands HiGHS a full assignment as its start (for a MILP: a candidate incumbent, checked by HiGHS
 * for feasibility before use). Returns a note for the result message saying what HiGHS did with it.
 */
function startFrom(highs: Highs, instance: HighsModel, colValue: Float64Array): string {
  try {
    const call = instance.setSolution({ colValue });
    if (call.status === highs.constants.status.warning) {
      return `initialSolution passed with a HiGHS warning (${call.warnings.join(', ') || 'no detail'})`;
    }
    return 'started from the given initialSolution';
  } catch (error) {
    // A rejected start only loses the warm start; the solve itself is still valid.
    return `initialSolution rejected by HiGHS: ${messageOf(error)}`;
  }
}

/**
 * Presolve can prove "infeasible or unbounded" without saying which. Re-run without presolve; if
 * still undecided, drop the objective: a feasible point then means the original is unbounded.
 */
function classifyUnboundedOrInfeasible(
  highs: Highs,
  instance: HighsModel,
  numCols: number,
): ModelStatusCode {
  const S = highs.constants.modelStatus;
  instance.clearSolver();
  instance.options.set('presolve', 'off');
  const status = instance.run().modelStatus;
  if (status !== S.unboundedOrInfeasible || numCols === 0) return status;
  instance.clearSolver();
  instance.changeColsCost({ kind: 'range', from: 0, to: numCols - 1 }, new Float64Array(numCols));
  const feasibility = instance.run().modelStatus;
  if (feasibility === S.optimal) return S.unbounded;
  if (feasibility === S.infeasible) return S.infeasible;
  return status;
}

/** The end of an in-process run, in the same form the worker reports it. */
function outcomeOf(
  highs: Highs,
  instance: HighsModel,
  status: ModelStatusCode,
  data: ModelData,
): RunOutcome & { status: ModelStatusCode } {
  const isMip = data.integrality !== undefined;
  const S = highs.constants.modelStatus;
  const hasPrimal =
    Number(instance.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
  const dualBound = isMip ? Number(instance.info.get('mip_dual_bound')) : NaN;
  // HiGHS has no solution to give for a model without columns.
  const solved = data.numCols > 0 && (hasPrimal || status === S.optimal || status === S.empty);
  const values = solved ? instance.getSolution().colValue : null;
  return { status, hasPrimal, dualBound, values };
}

function interpret(
  highs: Highs,
  model: Model,
  outcome: RunOutcome & { status: ModelStatusCode },
  isMip: boolean,
  timing: { buildSeconds: number; solveSeconds: number },
): SolveResult {
  const S = highs.constants.modelStatus;
  const { status, hasPrimal, dualBound } = outcome;
  const finiteBound = Number.isFinite(dualBound) ? dualBound : null;

  if (status === S.optimal || status === S.empty) {
    const values =
      model.numVariables === 0 ? new Float64Array(0) : (outcome.values as Float64Array);
    const objective = model.evaluate(values);
    const bound = isMip ? (finiteBound ?? objective) : objective;
    return {
      status: 'optimal',
      backend: 'highs',
      objective,
      bound,
      gap: relativeGap(objective, bound) ?? 0,
      values,
      ...timing,
    };
  }
  if (status === S.infeasible) return resultWithoutSolution('highs', 'infeasible', timing);
  if (status === S.unbounded) return resultWithoutSolution('highs', 'unbounded', timing);
  if (status === S.unboundedOrInfeasible) {
    return resultWithoutSolution('highs', 'error', timing, {
      message: 'HiGHS could not tell infeasible from unbounded',
    });
  }

  const why = statusName(highs, status);
  const stopped: ModelStatusCode[] = [
    S.timeLimit,
    S.iterationLimit,
    S.solutionLimit,
    S.interrupted,
    S.objectiveBound,
    S.objectiveTarget,
    S.unknown,
  ];
  if (stopped.includes(status) && hasPrimal && outcome.values !== null) {
    const values = outcome.values;
    const objective = model.evaluate(values);
    return {
      status: 'feasible',
      backend: 'highs',
      objective,
      bound: finiteBound,
      gap: relativeGap(objective, finiteBound),
      values,
      ...timing,
      message: `stopped (${why}) with an incumbent`,
    };
  }
  if (status === S.timeLimit) {
    return resultWithoutSolution('highs', 'time_limit', timing, {
      bound: finiteBound,
      message: 'time limit reached without a feasible solution',
    });
  }
  return resultWithoutSolution('highs', 'error', timing, {
    message: `HiGHS ended with status '${why}'`,
  });
}

function statusName(highs: Highs, status: ModelStatusCode): string {
  const entry = Object.entries(highs.constants.modelStatus).find(([, code]) => code === status);
  return entry ? entry[0] : `status ${status}`;
}
