/**
 * Training by a remat plan (`--memory-budget SIZE [--remat-solver S]` or `--remat-plan FILE`):
 * each step runs the plan's schedule through libs/remat-tfjs's executor instead of one
 * `optimizer.minimize`, so only the activations the plan keeps are held and the rest are recomputed.
 * The executor (and the planners and solvers behind it) load only when a run asks for a plan.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { UsageError } from '@strata/cli';
import { heapCeiling } from '@strata/tfjs';
import type { PlannerId } from '@strata/remat';
import type { RematStep } from '@strata/remat-tfjs';

export interface RematTrainingOptions {
  /** Plan at this budget: bytes, a size (`512MiB`) or NN% of the model's no-remat peak. */
  memoryBudget?: string;
  /** The planner for `memoryBudget` (default milp). */
  rematSolver?: string;
  /** A saved plan (`strata remat plan --json` of this model's graph at this batch size). */
  rematPlan?: string;
}

export function wantsRemat(options: RematTrainingOptions): boolean {
  return options.memoryBudget !== undefined || options.rematPlan !== undefined;
}

/** Checks the remat flags against each other before anything is loaded or trained. */
export function checkRematFlags(options: RematTrainingOptions & { dropout: number }): void {
  if (options.memoryBudget !== undefined && options.rematPlan !== undefined) {
    throw new UsageError('give --memory-budget or --remat-plan, not both');
  }
  if (options.rematSolver !== undefined && options.memoryBudget === undefined) {
    throw new UsageError(
      '--remat-solver chooses the planner for --memory-budget: give a budget too',
    );
  }
  if (wantsRemat(options) && options.dropout > 0) {
    throw new UsageError(
      "--dropout masks the built-in MLP between its layers, outside a remat plan's schedule: train by a plan without --dropout",
    );
  }
}

/**
 * Without a plan, on a backend whose heap has a ceiling (wasm): a step whose activations cannot
 * fit is refused before the first step with the --memory-budget a plan would fit in, since
 * running into the ceiling aborts inside wasm instead of throwing.
 */
export async function checkPlainStep(
  model: tfl.LayersModel,
  batchSize: number,
  backend: string,
): Promise<void> {
  if (heapCeiling(backend) === null) return;
  const { checkPlainStepFits } = await import('@strata/remat-tfjs');
  checkPlainStepFits(model, { batch: batchSize, backend, budgetFlag: '--memory-budget' });
}

const softmaxLoss = (labels: tf.Tensor, logits: tf.Tensor) =>
  tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;

/** Plans (or reads and checks the saved plan) for this model at this batch size. */
export async function prepareRematStep(
  model: tfl.LayersModel,
  batchSize: number,
  seed: number,
  options: RematTrainingOptions,
  log: (line: string) => void,
): Promise<RematStep> {
  const remat = await import('@strata/remat-tfjs');
  const { getPlanner } = await import('@strata/remat');
  const solver = options.rematSolver ?? 'milp';
  getPlanner(solver);
  const plan = options.rematPlan ? await remat.readPlanFile(options.rematPlan) : undefined;
  const step = await remat.createRematStep(model, softmaxLoss, {
    batch: batchSize,
    seed,
    budgetFlag: '--memory-budget',
    ...(plan ? { plan } : { budget: options.memoryBudget!, solver: solver as PlannerId }),
  });
  const { plan: used } = step;
  log(
    `remat: ${used.solver} plan${options.rematPlan ? ` from ${options.rematPlan}` : ''}, budget ${used.budgetBytes} B, ` +
      `predicted peak ${used.peakBytes ?? '?'} B of ${used.noRematPeakBytes} B without remat, ` +
      `predicted overhead ${used.overhead?.toFixed(3) ?? '?'}x`,
  );
  return step;
}

/** One optimizer step by the plan; returns the loss and the measured activation peak. */
export function rematTrainingStep(
  step: RematStep,
  xs: tf.Tensor,
  labels: tf.Tensor,
  optimizer: tf.Optimizer,
): { loss: number; measuredPeakBytes: number } {
  const result = step.step(xs, labels, optimizer);
  const loss = result.loss.dataSync()[0]!;
  result.loss.dispose();
  return { loss, measuredPeakBytes: result.measuredPeakBytes };
}
