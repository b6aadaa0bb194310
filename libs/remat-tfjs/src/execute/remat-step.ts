import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { UsageError } from '@strata/cli';
import { toTopoGraph, type TopoGraph } from '@strata/graph';
import { planRemat, type Plan, type PlannerId, type PlannerOptions } from '@strata/remat';
import { importTrainingGraph, type ImportedGraph } from '../import/training-graph.js';
import { ScheduleExecutor, type LossFunction, type ScheduleRun } from './executor.js';
import { checkDeterministic, seedDropout, trainableVariables } from './layer-ops.js';
import { checkHeapCeiling } from './memory-ceiling.js';
import { scheduleFor } from './plan-check.js';

export interface RematStepOptions {
  /** The batch size every step uses (the graph's bytes are for it). */
  batch: number;
  /** A plan made for this model's graph at this batch (`strata remat plan --json`). */
  plan?: Plan;
  /** Without a plan: plan here at this budget (bytes, a size, or NN% of the no-remat peak)… */
  budget?: number | string;
  /** …with this planner (default milp). */
  solver?: PlannerId;
  plannerOptions?: PlannerOptions;
  /** The imported graph, e.g. with profiled costs; imported with FLOP costs when absent. */
  graph?: ImportedGraph;
  /** Seeds the Dropout masks of step k (the same mask in every recomputation of that step). */
  seed?: number;
  /** Backend name for the heap-ceiling check (default: the active backend). */
  backend?: string;
  /** The flag a refusal at the heap ceiling tells the user to set (default --budget). */
  budgetFlag?: string;
}

export interface RematStepResult {
  readonly loss: tf.Scalar;
  /** Measured activation high-water mark of the step (see ScheduleRun.peakBytes). */
  readonly measuredPeakBytes: number;
}

/** One training step by a remat plan, for a training loop. */
export interface RematStep {
  readonly graph: ImportedGraph;
  readonly topo: TopoGraph;
  readonly plan: Plan;
  /** Forward and backward by the plan; the caller owns (and disposes) the loss and gradients. */
  computeGradients(xs: tf.Tensor, ys: tf.Tensor): ScheduleRun;
  /** Plain `tf.variableGrads` with the Dropout masks the next computeGradients will draw. */
  referenceGradients(xs: tf.Tensor, ys: tf.Tensor): { loss: tf.Scalar; grads: tf.NamedTensorMap };
  /** computeGradients, then the optimizer update; the gradients are disposed, the loss is the caller's. */
  step(xs: tf.Tensor, ys: tf.Tensor, optimizer: tf.Optimizer): RematStepResult;
}

async function resolvePlan(
  topo: TopoGraph,
  options: RematStepOptions,
  what: string,
): Promise<Plan> {
  if (options.plan !== undefined) return options.plan;
  if (options.budget === undefined) {
    throw new UsageError('give a remat plan or a memory budget to plan with');
  }
  const plan = await planRemat(topo, {
    ...options.plannerOptions,
    budget: options.budget,
    solver: options.solver ?? 'milp',
  });
  if (!plan.feasible) {
    throw new UsageError(
      `no ${plan.solver} plan fits ${what} in ${plan.budgetBytes} bytes (status ${plan.status}): give a larger --memory-budget`,
    );
  }
  return plan;
}

/**
 * Prepares training by a remat plan: imports the model's graph at the batch size, plans (or checks
 * the given plan belongs to this model and batch), and returns the step function. The plan's
 * activation peak plus the gradients must fit the backend's heap (wasm: 4 GiB).
 */
export async function createRematStep(
  model: tfl.LayersModel,
  loss: LossFunction,
  options: RematStepOptions,
): Promise<RematStep> {
  const graph = options.graph ?? importTrainingGraph(model, { batch: options.batch });
  if (graph.mapping.batch !== options.batch) {
    throw new UsageError(
      `the graph is for batch ${graph.mapping.batch}, the step for batch ${options.batch}: export the graph at batch ${options.batch}`,
    );
  }
  checkDeterministic(graph.entries);
  const topo = toTopoGraph(graph.graph);
  const what = `${graph.mapping.model} at batch ${options.batch}`;
  const plan = await resolvePlan(topo, options, what);
  const ops = scheduleFor(topo, plan, what);
  const executor = new ScheduleExecutor(topo, graph.mapping, graph.entries, loss);
  const variables = graph.entries.flatMap(trainableVariables);
  const gradientBytes = variables.reduce((sum, v) => sum + v.size * 4, 0);
  const backend = options.backend ?? tf.getBackend();
  const wording = options.budgetFlag ? { budgetFlag: options.budgetFlag } : {};
  // Refused here already, so a caller can tell before the first step that this plan cannot run.
  checkHeapCeiling(backend, graph, plan.peakBytes ?? 0, gradientBytes, wording);
  const seed = options.seed ?? 0;
  let stepIndex = 0;
  const checkBatch = (xs: tf.Tensor) => {
    if (xs.shape[0] !== options.batch) {
      throw new UsageError(
        `the batch has ${xs.shape[0]} examples, the plan is for ${options.batch}: plan for this batch size`,
      );
    }
  };

  const computeGradients = (xs: tf.Tensor, ys: tf.Tensor) => {
    checkBatch(xs);
    checkHeapCeiling(backend, graph, plan.peakBytes ?? 0, gradientBytes, wording);
    seedDropout(graph.entries, seed + stepIndex);
    stepIndex += 1;
    return executor.run(ops, xs, ys);
  };
  return {
    graph,
    topo,
    plan,
    computeGradients,
    referenceGradients(xs, ys) {
      checkBatch(xs);
      seedDropout(graph.entries, seed + stepIndex);
      // The reference must leave the moving statistics as it found them.
      let result: { value: tf.Scalar; grads: tf.NamedTensorMap } | undefined;
      const state = graph.entries.flatMap((e) => e.layer.nonTrainableWeights);
      const saved = state.map((w) => tf.clone(w.read()));
      try {
        result = tf.variableGrads(
          () => loss(ys, model.apply(xs, { training: true }) as tf.Tensor),
          variables,
        );
      } finally {
        state.forEach((w, i) => w.write(saved[i]!));
        saved.forEach((t) => t.dispose());
      }
      return { loss: result.value, grads: result.grads };
    },
    step(xs, ys, optimizer) {
      const run = computeGradients(xs, ys);
      optimizer.applyGradients(run.grads);
      Object.values(run.grads).forEach((g) => g.dispose());
      return { loss: run.loss, measuredPeakBytes: run.peakBytes };
    },
  };
}
