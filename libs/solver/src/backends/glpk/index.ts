import type { GLPK, LP, Options as GlpkOptions, Result as GlpkResult } from 'glpk.js/node';
import type { SolverBackend } from '../../backend.js';
import type { Model } from '../../model.js';
import { relativeGap, resultWithoutSolution, secondsSince } from '../../result.js';
import type { SolveOptions, SolveResult } from '../../types.js';
import { toGlpkLp, type GlpkInput } from './lp-json.js';
import { discardGlpkRuntime, glpkRuntime } from './runtime.js';

const DEFAULT_MIP_REL_GAP = 1e-4;
/** glpk.js passes the limit to C as int milliseconds. */
const MAX_TIME_LIMIT_SECONDS = 2_000_000;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** GLPK (npm `glpk.js`, WebAssembly): the fall-back backend. */
export function createGlpkBackend(): SolverBackend {
  let loading: Promise<boolean> | undefined;
  let loadFailure: string | undefined;
  return {
    name: 'glpk',
    priority: 1,
    load() {
      loading ??= glpkRuntime().then(
        () => true,
        (error: unknown) => {
          loadFailure = messageOf(error);
          discardGlpkRuntime();
          return false;
        },
      );
      return loading;
    },
    loadError: () => loadFailure,
    async solve(model, options) {
      const glpk = await glpkRuntime();
      try {
        const result = solveWith(glpk, model, options);
        // glpk.js exposes no MIP start (glp_intopt's callback is not bound), so a warm start is dropped.
        if (options.initialSolution !== undefined) {
          result.message = [result.message, 'initialSolution ignored: GLPK cannot take a MIP start'].filter(Boolean).join('; ');
        }
        return result;
      } catch (error) {
        // GLPK aborts the WASM runtime on invalid input or exhausted memory: never reuse it.
        discardGlpkRuntime();
        return resultWithoutSolution('glpk', 'error', { buildSeconds: 0, solveSeconds: 0 }, { message: `GLPK failed: ${messageOf(error)}` });
      }
    },
  };
}

interface Run {
  result: GlpkResult['result'];
  /** Seconds glpk.js spent loading the JSON into GLPK (before its own clock starts). */
  loadSeconds: number;
  solveSeconds: number;
}

function run(glpk: GLPK, lp: LP, options: GlpkOptions): Run {
  const start = performance.now();
  const output = glpk.solve(lp, options);
  const total = secondsSince(start);
  return { result: output.result, loadSeconds: Math.max(0, total - output.time), solveSeconds: Math.min(total, output.time) };
}

function solveWith(glpk: GLPK, model: Model, options: SolveOptions): SolveResult {
  // GLPK aborts on a problem without columns; such a model is decided by its (empty) rows alone.
  if (model.numVariables === 0) return solveWithoutVariables(model);
  const buildStart = performance.now();
  const relax = options.relax ?? false;
  const input = toGlpkLp(glpk, model, { relax });
  const jsonSeconds = secondsSince(buildStart);
  const isMip = input.lp.generals !== undefined;
  const mipRelGap = options.mipRelGap ?? DEFAULT_MIP_REL_GAP;
  const limit = options.timeLimitSeconds;
  const glpkOptions: GlpkOptions = {
    msglev: options.verbose ? glpk.GLP_MSG_ON : glpk.GLP_MSG_OFF,
    // Always on: glp_intopt without its presolver needs an optimal LP basis first, which glpk.js does
    // not provide; GLPK's presolver honours tmlim anyway, so `presolve: false` is ignored here.
    presol: true,
    ...(limit !== undefined ? { tmlim: Math.min(limit, MAX_TIME_LIMIT_SECONDS) } : {}),
    ...(isMip ? { mipgap: mipRelGap } : {}),
  };

  const first = run(glpk, input.lp, glpkOptions);
  const timing = { buildSeconds: jsonSeconds + first.loadSeconds, solveSeconds: first.solveSeconds };
  const hitTimeLimit = () => limit !== undefined && timing.solveSeconds >= 0.95 * limit;
  const status = first.result.status;

  if (isMip) {
    if (status === glpk.GLP_OPT) {
      const values = valuesOf(input, first.result);
      const objective = model.evaluate(values);
      // GLPK stops within mipgap but does not expose its bound: only a zero gap proves bound = objective.
      const exact = mipRelGap === 0;
      return {
        status: 'optimal',
        backend: 'glpk',
        objective,
        bound: exact ? objective : null,
        gap: exact ? 0 : null,
        values,
        ...timing,
        ...(exact ? {} : { message: `optimal within mipRelGap ${mipRelGap}; GLPK does not report its bound` }),
      };
    }
    if (status === glpk.GLP_FEAS) {
      const values = valuesOf(input, first.result);
      const objective = model.evaluate(values);
      // GLPK does not expose its best bound; the LP relaxation optimum is a valid (weaker) one.
      const relaxation = lpRelaxationBound(glpk, model, limit);
      timing.solveSeconds += relaxation.seconds;
      return {
        status: 'feasible',
        backend: 'glpk',
        objective,
        bound: relaxation.bound,
        gap: relativeGap(objective, relaxation.bound),
        values,
        ...timing,
        message: 'stopped by the time limit with an incumbent; bound is the LP relaxation optimum',
      };
    }
    if (status === glpk.GLP_NOFEAS) return resultWithoutSolution('glpk', 'infeasible', timing);
    if (hitTimeLimit()) return resultWithoutSolution('glpk', 'time_limit', timing, { message: 'time limit reached without an integer solution' });
    // Undefined before the limit: the presolved LP relaxation was infeasible or unbounded.
    const classified = classifyMip(glpk, model, glpkOptions);
    timing.solveSeconds += classified.seconds;
    return resultWithoutSolution('glpk', classified.status, timing, classified.message ? { message: classified.message } : {});
  }

  let outcome = first;
  if (status === glpk.GLP_UNDEF && !hitTimeLimit()) {
    // The LP presolver reports infeasible and unbounded alike as undefined: solve again without it.
    outcome = run(glpk, input.lp, { ...glpkOptions, presol: false });
    timing.solveSeconds += outcome.loadSeconds + outcome.solveSeconds;
  }
  return interpretLp(glpk, model, input, outcome.result, timing, limit !== undefined);
}

function interpretLp(
  glpk: GLPK,
  model: Model,
  input: GlpkInput,
  result: GlpkResult['result'],
  timing: { buildSeconds: number; solveSeconds: number },
  limited: boolean,
): SolveResult {
  const status = result.status;
  if (status === glpk.GLP_OPT || status === glpk.GLP_FEAS) {
    const values = valuesOf(input, result);
    const objective = model.evaluate(values);
    if (status === glpk.GLP_OPT) return { status: 'optimal', backend: 'glpk', objective, bound: objective, gap: 0, values, ...timing };
    return { status: 'feasible', backend: 'glpk', objective, bound: null, gap: null, values, ...timing, message: 'simplex stopped before optimality' };
  }
  if (status === glpk.GLP_NOFEAS) return resultWithoutSolution('glpk', 'infeasible', timing);
  if (status === glpk.GLP_UNBND) return resultWithoutSolution('glpk', 'unbounded', timing);
  if (limited) return resultWithoutSolution('glpk', 'time_limit', timing, { message: 'time limit reached without a feasible solution' });
  return resultWithoutSolution('glpk', 'error', timing, { message: `GLPK ended with solution status ${status}` });
}

/** The LP relaxation's optimum (a valid bound on the MILP), or null if it does not solve in time. */
function lpRelaxationBound(glpk: GLPK, model: Model, limit: number | undefined): { bound: number | null; seconds: number } {
  const input = toGlpkLp(glpk, model, { relax: true });
  const outcome = run(glpk, input.lp, {
    msglev: glpk.GLP_MSG_OFF,
    presol: true,
    ...(limit !== undefined ? { tmlim: Math.min(Math.max(1, limit / 4), MAX_TIME_LIMIT_SECONDS) } : {}),
  });
  const seconds = outcome.loadSeconds + outcome.solveSeconds;
  if (outcome.result.status !== glpk.GLP_OPT) return { bound: null, seconds };
  return { bound: model.evaluate(valuesOf(input, outcome.result)), seconds };
}

/** MILP whose relaxation failed: infeasible relaxation → infeasible; unbounded → check integer feasibility. */
function classifyMip(
  glpk: GLPK,
  model: Model,
  options: GlpkOptions,
): { status: 'infeasible' | 'unbounded' | 'error'; message?: string; seconds: number } {
  const relaxed = run(glpk, toGlpkLp(glpk, model, { relax: true }).lp, { ...options, presol: false });
  let seconds = relaxed.loadSeconds + relaxed.solveSeconds;
  if (relaxed.result.status === glpk.GLP_NOFEAS) return { status: 'infeasible', seconds };
  if (relaxed.result.status !== glpk.GLP_UNBND) {
    return { status: 'error', seconds, message: `GLPK could not solve the MILP (relaxation status ${relaxed.result.status})` };
  }
  const feasibility = run(glpk, toGlpkLp(glpk, model, { zeroObjective: true }).lp, options);
  seconds += feasibility.loadSeconds + feasibility.solveSeconds;
  const status = feasibility.result.status;
  if (status === glpk.GLP_OPT || status === glpk.GLP_FEAS) return { status: 'unbounded', seconds };
  if (status === glpk.GLP_NOFEAS) return { status: 'infeasible', seconds };
  return { status: 'error', seconds, message: 'GLPK could not tell whether the unbounded-relaxation MILP is feasible' };
}

function valuesOf(input: GlpkInput, result: GlpkResult['result']): Float64Array {
  const values = new Float64Array(input.names.length);
  for (let j = 0; j < values.length; j++) values[j] = result.vars[input.names[j] as string] ?? 0;
  return values;
}

function solveWithoutVariables(model: Model): SolveResult {
  const timing = { buildSeconds: 0, solveSeconds: 0 };
  const a = model.arrays();
  for (let i = 0; i < model.numConstraints; i++) {
    const rhs = a.rowRhs[i] as number;
    const sense = a.rowSense[i] as number;
    if (sense === 0 ? rhs < 0 : sense === 1 ? rhs > 0 : rhs !== 0) return resultWithoutSolution('glpk', 'infeasible', timing);
  }
  const objective = model.objectiveConstant;
  return { status: 'optimal', backend: 'glpk', objective, bound: objective, gap: 0, values: new Float64Array(0), ...timing };
}
