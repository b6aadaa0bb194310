/**
 * `--memory-budget`: the query encoder's forward and backward passes by a remat plan from
 * libs/remat-tfjs, so a step holds only the activations the plan keeps and recomputes the rest.
 * The objective's loss is a closure over the step's keys, negatives and masks (the executor's loss
 * node calls it); the key encoder's momentum update, the queue and the optimizer stay outside the
 * plan, exactly as in the plain step.
 *
 * The encoder's Dropout layers keep their own seeds (the plain step's masks), which also makes every
 * recomputation of a layer draw the same mask; so a planned step computes the plain step's gradients
 * and a resumed run continues as an uninterrupted one.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { UsageError, formatBytes } from '@strata/cli';
import { toTopoGraph, type TopoGraph } from '@strata/graph';
import { getPlanner, planRemat, type Plan, type PlannerId } from '@strata/remat';
import {
  QUICK_SOLVERS,
  ScheduleExecutor,
  checkHeapCeiling,
  importTrainingGraph,
  scheduleFor,
  smallestBudgetOfAny,
  type ImportedGraph,
} from '@strata/remat-tfjs';
import { REPRESENTATION_WIDTH, type CodeEncoder } from '../models/index.js';
import type { Objective } from './objectives.js';

/** What the objective's loss reads: the representation (MoCo), the token logits (MLM), or both. */
export type QueryOutputs = tf.Tensor | [tf.Tensor2D, tf.Tensor];

export interface PlannedGradients {
  loss: tf.Scalar;
  /** By variable name, in the model's trainable-weight order (the order `minimize` applies). */
  grads: tf.NamedTensorMap;
  /** The executor's measured activation high-water mark of the step (bytes). */
  measuredPeakBytes: number;
}

export interface PlannedQuery {
  readonly plan: Plan;
  readonly graph: ImportedGraph;
  /** The model the plan runs (one output; the hybrid's two outputs side by side). */
  readonly model: tfl.LayersModel;
  /** Loss and weight gradients by the plan; the caller disposes both. */
  gradients(ids: tf.Tensor, loss: (outputs: QueryOutputs) => tf.Scalar): PlannedGradients;
}

export interface PlanQueryOptions {
  objective: Objective;
  batchSize: number;
  /** Bytes, a size (512MiB) or NN% of the step's no-remat activation peak. */
  budget: string;
  /** Planner (default milp). */
  solver?: string;
  /** Backend for the heap-ceiling check (wasm: 4 GiB). */
  backend?: string;
  /** Bounds the planner (milp: its best plan by then, or greedy-remat's); unbounded when absent. */
  timeLimitSeconds?: number;
  /** Bytes the step holds beside the query model's (optimizer slots, queue, loss): see plain-step-fits.ts. */
  otherBytes?: number;
}

/** The query encoder's model the objective trains: its weights are the ones a step updates. */
export function queryModel(encoder: CodeEncoder, objective: Objective): tfl.LayersModel {
  return objective === 'moco'
    ? encoder.projection
    : objective === 'mlm'
      ? encoder.mlm
      : encoder.both;
}

/**
 * The model of the query encoder the objective trains, with one output as the remat importer needs:
 * the projection (MoCo), the masked-LM logits (MLM), or for the hybrid both, the logits flattened and
 * placed after the representation (the loss splits them again; the gradient is unchanged).
 */
export function plannedModel(encoder: CodeEncoder, objective: Objective): tfl.LayersModel {
  if (objective === 'moco') return encoder.projection;
  if (objective === 'mlm') return encoder.mlm;
  const [representation, logits] = encoder.both.outputs as [tfl.SymbolicTensor, tfl.SymbolicTensor];
  const prefix = encoder.both.name;
  const flat = tfl.layers.flatten({ name: `${prefix}_plan_logits` }).apply(logits);
  const joined = tfl.layers
    .concatenate({ axis: -1, name: `${prefix}_plan_outputs` })
    .apply([representation, flat as tfl.SymbolicTensor]) as tfl.SymbolicTensor;
  return tfl.model({ inputs: encoder.both.inputs, outputs: joined, name: `${prefix}_planned` });
}

/** Imports the query encoder's training graph at the batch size and plans it within the budget. */
export async function planQueryStep(
  encoder: CodeEncoder,
  options: PlanQueryOptions,
): Promise<PlannedQuery> {
  const solver = (options.solver ?? 'milp') as PlannerId;
  getPlanner(solver);
  const model = plannedModel(encoder, options.objective);
  const graph = importTrainingGraph(model, {
    batch: options.batchSize,
    label: `${encoder.config.kind} query encoder (${options.objective})`,
  });
  const topo = toTopoGraph(graph.graph);
  const what = `the ${graph.mapping.model} at batch ${options.batchSize}`;
  const plan = await planRemat(topo, {
    budget: options.budget,
    solver,
    ...(options.timeLimitSeconds === undefined
      ? {}
      : { timeLimitSeconds: options.timeLimitSeconds }),
  });
  if (!plan.feasible) throw await infeasible(topo, plan, options.budget, what);
  const ops = scheduleFor(topo, plan, what);
  // The order the plain step's `minimize` applies (Adam's moments are kept by position).
  const variables = queryModel(encoder, options.objective).trainableWeights.map(
    (weight) => weight.read() as tf.Variable,
  );
  const heldBytes = variables.reduce((sum, v) => sum + v.size * 4, 0) + (options.otherBytes ?? 0);
  const backend = options.backend ?? tf.getBackend();
  const wording = { budgetFlag: '--memory-budget' };
  checkHeapCeiling(backend, graph, plan.peakBytes ?? 0, heldBytes, wording);

  let current: ((predictions: tf.Tensor) => tf.Scalar) | null = null;
  const executor = new ScheduleExecutor(
    topo,
    graph.mapping,
    graph.entries,
    (_labels, predictions) => {
      if (!current) throw new Error('the planned step has no loss: this is a bug');
      return current(predictions);
    },
  );
  const split = splitOutputs(options.objective, encoder);
  return {
    plan,
    graph,
    model,
    gradients(ids, loss) {
      if (ids.shape[0] !== options.batchSize) {
        throw new UsageError(
          `the batch has ${ids.shape[0]} sequences, the plan is for ${options.batchSize}: plan for this batch size`,
        );
      }
      checkHeapCeiling(backend, graph, plan.peakBytes ?? 0, heldBytes, wording);
      current = (predictions) => loss(split(predictions));
      try {
        // The executor passes its labels to the loss; this loss closes over its own, so the ids stand in.
        const run = executor.run(ops, ids, ids);
        const grads: tf.NamedTensorMap = {};
        for (const variable of variables) {
          const g = run.grads[variable.name];
          if (g) grads[variable.name] = g;
        }
        return { loss: run.loss, grads, measuredPeakBytes: run.peakBytes };
      } finally {
        current = null;
      }
    },
  };
}

/** The planned model's single output back as the objective's outputs (see plannedModel). */
function splitOutputs(
  objective: Objective,
  encoder: CodeEncoder,
): (predictions: tf.Tensor) => QueryOutputs {
  if (objective !== 'hybrid') return (predictions) => predictions;
  const { sequenceLength, vocabSize } = encoder.config;
  return (predictions) => {
    const batch = predictions.shape[0]!;
    const representation = tf.slice(predictions, [0, 0], [batch, REPRESENTATION_WIDTH]);
    const logits = tf.reshape(
      tf.slice(predictions, [0, REPRESENTATION_WIDTH], [batch, sequenceLength * vocabSize]),
      [batch, sequenceLength, vocabSize],
    );
    return [representation as tf.Tensor2D, logits];
  };
}

/** A budget no plan fits: one line naming the smallest budget a plan was found for. */
async function infeasible(
  topo: TopoGraph,
  plan: Plan,
  budget: string,
  what: string,
): Promise<UsageError> {
  const smallest = await smallestBudgetOfAny(topo, QUICK_SOLVERS);
  const asked = `--memory-budget ${budget} (${formatBytes(plan.budgetBytes)})`;
  if (smallest === null) {
    return new UsageError(
      `no remat plan fits ${what} in ${asked}, whose step needs ${formatBytes(plan.noRematPeakBytes)} without remat: give a larger --memory-budget`,
    );
  }
  return new UsageError(
    `no remat plan fits ${what} in ${asked}: the smallest budget that fits is ${smallest.budgetBytes} bytes (${formatBytes(smallest.budgetBytes)}, ${smallest.solver}); give --memory-budget ${smallest.budgetBytes} or more (no remat needs ${formatBytes(plan.noRematPeakBytes)})`,
  );
}
