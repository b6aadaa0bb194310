import * as tf from '@tensorflow/tfjs-core';
import { toTopoGraph, type TopoGraph } from '@strata/graph';
import { planRemat, type Plan, type PlannerId, type PlannerOptions } from '@strata/remat';
import { checkPlanBelongs } from '../execute/plan-check.js';
import { createRematStep, type RematStep } from '../execute/remat-step.js';
import { profileNodeCosts, type ProfileOptions } from '../import/profile.js';
import { importTrainingGraph, type ImportedGraph } from '../import/training-graph.js';
import type { LoadedModel } from '../models/load-model.js';
import { QUICK_SOLVERS, smallestBudgetOfAny } from '../search/feasibility.js';

/**
 * What the executor may hold beyond the graph's values at a sampled point, as a share of the
 * budget: tensors a layer creates once and keeps (cached constants) and the backend's rounding.
 * The samples subtract what the step began with, the weight gradients and the loss scalar.
 */
export const ALLOWANCE_FRACTION = 0.02;

/** `strata remat run --json`: these names are a contract (tools read them). */
export interface RunReport {
  model: string;
  batch: number;
  solver: PlannerId;
  backend: string;
  feasible: boolean;
  budgetBytes: number;
  predictedPeakBytes: number | null;
  measuredPeakBytes: number | null;
  allowanceBytes: number;
  stepSeconds: number | null;
  baselineStepSeconds: number | null;
  predictedOverhead: number | null;
  measuredOverhead: number | null;
  maxGradientDiff?: number | null;
}

export interface RunOptions {
  /** The planner's own options (MILP backend, time limit). */
  planner?: PlannerOptions;
  model: LoadedModel;
  batch: number;
  budget: number | string;
  solver: PlannerId;
  backend: string;
  /** Training steps timed per plan; the first is a warm-up when there are several (default 3). */
  steps?: number;
  checkGradients?: boolean;
  /** Profile node costs on the backend (else FLOP estimates). */
  profile?: boolean;
  /** How to profile (runs, clock). */
  profileOptions?: ProfileOptions;
  /** A saved plan to execute instead of planning (checked against this model and batch). */
  plan?: Plan;
  seed?: number;
  /** The model's imported graph when already made (e.g. profiled once for several solvers). */
  graph?: ImportedGraph;
  /** The no-remat step time when already measured (e.g. once per model in a benchmark): not rerun. */
  baselineStepSeconds?: number;
  log?: (line: string) => void;
}

export interface RunResult {
  report: RunReport;
  imported: ImportedGraph;
  plan: Plan;
  /** When infeasible: the smallest budget one of the quick solvers (or the chosen one) fits. */
  smallest: { solver: PlannerId; budgetBytes: number } | null;
  /** CPU seconds of this process per step (planned and no-remat), when steps ran. */
  cpu?: { stepSeconds: number; baselineStepSeconds: number | null };
  /** Planned ÷ no-remat time of each adjacent pair of steps, when the baseline ran beside it. */
  paired?: PairedOverhead | null;
}

/** Median and range of per-pair ratios: adjacent steps see the same machine load. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export interface PairedOverhead {
  wall: Spread;
  cpu: Spread;
  pairs: number;
}

function maxAbsDiff(a: tf.NamedTensorMap, b: tf.NamedTensorMap): number {
  let most = 0;
  for (const name of Object.keys(b)) {
    const x = a[name];
    const y = b[name]!;
    const diff = x === undefined ? tf.max(tf.abs(y)) : tf.max(tf.abs(tf.sub(x, y)));
    most = Math.max(most, diff.dataSync()[0]!);
    diff.dispose();
  }
  return most;
}

/** Max |planned − plain tf.variableGrads| over every weight on one batch, weights untouched. */
export function gradientDiff(step: RematStep, batch: { xs: tf.Tensor; ys: tf.Tensor }): number {
  const reference = step.referenceGradients(batch.xs, batch.ys);
  const run = step.computeGradients(batch.xs, batch.ys);
  const diff = tf.tidy(() => maxAbsDiff(run.grads, reference.grads));
  tf.dispose([
    run.loss,
    reference.loss,
    ...Object.values(run.grads),
    ...Object.values(reference.grads),
  ]);
  return diff;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface StepTimes {
  /** Median wall seconds per step (the first step excluded when there are more). */
  seconds: number;
  /** Median CPU seconds of this process per step: steadier than wall time on a shared machine. */
  cpuSeconds: number;
  peakBytes: number;
}

interface Timed {
  wall: number;
  cpu: number;
  peak: number;
}

/** Times one step: wall and process CPU seconds, and the step's measured peak. */
function timeOne(
  step: RematStep,
  batch: { xs: tf.Tensor; ys: tf.Tensor },
  optimizer: tf.Optimizer,
) {
  const cpu = process.cpuUsage();
  const begin = performance.now();
  const result = step.step(batch.xs, batch.ys, optimizer);
  result.loss.dataSync();
  const wall = (performance.now() - begin) / 1000;
  const used = process.cpuUsage(cpu);
  result.loss.dispose();
  return { wall, cpu: (used.user + used.system) / 1e6, peak: result.measuredPeakBytes };
}

/**
 * Trains `steps` steps by `step`, alternating with `baseline` when given so that both see the same
 * machine load; medians exclude each one's first (warm-up) step when there are more.
 */
export function timeSteps(
  step: RematStep,
  batch: { xs: tf.Tensor; ys: tf.Tensor },
  steps: number,
  baseline?: RematStep,
): { planned: StepTimes; baseline: StepTimes | null; paired: PairedOverhead | null } {
  const optimizer = tf.train.sgd(0.01);
  const runs: Timed[][] = [[], []];
  try {
    for (let k = 0; k < steps; k += 1) {
      runs[0]!.push(timeOne(step, batch, optimizer));
      if (baseline) runs[1]!.push(timeOne(baseline, batch, optimizer));
    }
  } finally {
    optimizer.dispose();
  }
  const summary = (list: Timed[]): StepTimes => {
    const timed = list.length > 1 ? list.slice(1) : list;
    return {
      seconds: median(timed.map((r) => r.wall)),
      cpuSeconds: median(timed.map((r) => r.cpu)),
      peakBytes: Math.max(...list.map((r) => r.peak)),
    };
  };
  const [planned, base] = runs as [Timed[], Timed[]];
  const timedPairs = planned.map((p, k) => [p, base[k]!] as const).slice(steps > 1 ? 1 : 0);
  const spread = (ratios: number[]): Spread => ({
    median: median(ratios),
    min: Math.min(...ratios),
    max: Math.max(...ratios),
  });
  return {
    planned: summary(planned),
    baseline: baseline ? summary(base) : null,
    paired: baseline
      ? {
          wall: spread(timedPairs.map(([p, b]) => p.wall / b.wall)),
          cpu: spread(timedPairs.map(([p, b]) => p.cpu / b.cpu)),
          pairs: timedPairs.length,
        }
      : null,
  };
}

export async function importGraph(options: RunOptions): Promise<ImportedGraph> {
  const { model, batch } = options;
  if (!options.profile) return importTrainingGraph(model.model, { batch, label: model.label });
  const sample = model.makeBatch(batch, (options.seed ?? 0) + 1);
  try {
    const costs = profileNodeCosts(model.model, model.loss, sample, options.profileOptions);
    return importTrainingGraph(model.model, {
      batch,
      label: model.label,
      costs,
      backend: options.backend,
    });
  } finally {
    tf.dispose([sample.xs, sample.ys]);
  }
}

async function planFor(topo: TopoGraph, options: RunOptions): Promise<Plan> {
  return (
    options.plan ??
    planRemat(topo, { ...options.planner, budget: options.budget, solver: options.solver })
  );
}

/**
 * `strata remat run`: import the model's graph at the batch, plan (or check the given plan), then
 * train `steps` steps by the plan and `steps` by the no-remat (checkpoint-all) plan with the same
 * executor, and report predicted against measured peak and overhead. Infeasible: the report says
 * so and `smallest` holds the smallest budget a quick solver fits; nothing runs.
 */
export async function runRemat(options: RunOptions): Promise<RunResult> {
  const log = options.log ?? (() => {});
  const steps = options.steps ?? 3;
  const imported = options.graph ?? (await importGraph(options));
  const topo = toTopoGraph(imported.graph);
  if (options.plan) {
    checkPlanBelongs(topo, options.plan, `${options.model.label} at batch ${options.batch}`);
  }
  const plan = await planFor(topo, options);
  const base: RunReport = {
    model: options.model.label,
    batch: options.batch,
    solver: plan.solver,
    backend: options.backend,
    feasible: plan.feasible,
    budgetBytes: plan.budgetBytes,
    predictedPeakBytes: plan.peakBytes,
    measuredPeakBytes: null,
    allowanceBytes: Math.ceil(plan.budgetBytes * ALLOWANCE_FRACTION),
    stepSeconds: null,
    baselineStepSeconds: null,
    predictedOverhead: plan.overhead,
    measuredOverhead: null,
    ...(options.checkGradients && { maxGradientDiff: null }),
  };
  if (!plan.feasible) {
    const smallest = await smallestBudgetOfAny(
      topo,
      [...QUICK_SOLVERS, plan.solver],
      options.planner,
    );
    return { report: base, imported, plan, smallest };
  }
  const common = {
    batch: options.batch,
    graph: imported,
    seed: options.seed ?? 0,
    backend: options.backend,
  };
  const planned = await createRematStep(options.model.model, options.model.loss, {
    ...common,
    plan,
  });
  const batch = options.model.makeBatch(options.batch, options.seed ?? 0);
  try {
    const report = { ...base };
    if (options.checkGradients) report.maxGradientDiff = gradientDiff(planned, batch);
    let baseline: RematStep | undefined;
    if (options.baselineStepSeconds === undefined) {
      const noRemat = await planRemat(topo, { budget: '100%', solver: 'checkpoint-all' });
      try {
        baseline = await createRematStep(options.model.model, options.model.loss, {
          ...common,
          plan: noRemat,
        });
      } catch (error) {
        // The no-remat step may not fit the backend's heap: that is the point of the plan.
        log(`no baseline: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    log(
      `training ${steps} steps by the ${plan.solver} plan${baseline ? ', alternating with steps without recomputation (checkpoint-all)' : ''}`,
    );
    const timed = timeSteps(planned, batch, steps, baseline);
    report.stepSeconds = timed.planned.seconds;
    report.measuredPeakBytes = timed.planned.peakBytes;
    report.baselineStepSeconds = timed.baseline?.seconds ?? options.baselineStepSeconds ?? null;
    if (report.baselineStepSeconds !== null) {
      report.measuredOverhead = report.stepSeconds / report.baselineStepSeconds;
    }
    const cpu = {
      stepSeconds: timed.planned.cpuSeconds,
      baselineStepSeconds: timed.baseline?.cpuSeconds ?? null,
    };
    return { report, imported, plan, smallest: null, cpu, paired: timed.paired };
  } finally {
    tf.dispose([batch.xs, batch.ys]);
  }
}
