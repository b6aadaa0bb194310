/**
 * Pretraining without `--memory-budget` on a backend with a heap ceiling (wasm): a step that cannot
 * fit is refused before step 1 with the same one line as `strata train`'s (libs/remat-tfjs's
 * checkPlainStepFits), since running into the ceiling aborts inside wasm instead of throwing.
 */
import { checkPlainStepFits } from '@strata/remat-tfjs';
import { heapCeiling } from '@strata/tfjs';
import { REPRESENTATION_WIDTH, type CodeEncoder, type EncoderConfig } from '../models/index.js';
import { usesMlm, usesMoco, type Objective } from './objectives.js';
import { plannedModel, queryModel } from './planned-query.js';

const FLOAT32_BYTES = 4;
/**
 * Tensors the losses keep under the tape until their gradients are done, in copies of their
 * operands: InfoNCE's logits [batch, 1 + queue] (the matmul, concat, scaling and log-sum-exp,
 * their gradients, the acc@1 logits) and queue-sized [queue, 128] reads; masked LM's
 * [batch·tokens, vocabulary] (log-softmax, one-hot targets, their product and gradients) and
 * per-token vectors (targets, weights, picked log-probabilities). Pinned by
 * test/pretrain/plain-step-fits.test.ts.
 */
export const LOSS_COPIES = { mocoLogits: 17, queue: 3, mlmLogits: 13, mlmTokens: 10, scalars: 16 };

export interface PretrainStepShape {
  objective: Objective;
  batchSize: number;
  /** MoCo's negatives; null without MoCo. */
  queueSize: number | null;
}

/** Bytes the objective's loss and its gradient hold beside their inputs. */
export function lossWorkingBytes(
  { objective, batchSize: batch, queueSize }: PretrainStepShape,
  { sequenceLength, vocabSize }: Pick<EncoderConfig, 'sequenceLength' | 'vocabSize'>,
): number {
  let floats = LOSS_COPIES.scalars;
  const queue = queueSize ?? 0;
  if (usesMoco(objective) && queue > 0) {
    floats +=
      LOSS_COPIES.mocoLogits * batch * (1 + queue) +
      LOSS_COPIES.queue * queue * REPRESENTATION_WIDTH;
  }
  if (usesMlm(objective)) {
    const tokens = batch * sequenceLength;
    floats += tokens * (LOSS_COPIES.mlmLogits * vocabSize + LOSS_COPIES.mlmTokens);
  }
  return FLOAT32_BYTES * floats;
}

/**
 * Bytes a plain pretraining step holds beside the query model's graph, weights and gradients:
 * Adam's two slots per query weight (made at the first step), the step's key rows and the queue
 * as tensors, and the loss's working set. The key encoder's forward pass runs and frees its
 * activations before the query step begins, so only its output rows are counted.
 */
export function pretrainStepOtherBytes(encoder: CodeEncoder, shape: PretrainStepShape): number {
  const weights = queryModel(encoder, shape.objective).trainableWeights.reduce(
    (sum, w) => sum + w.shape.reduce((a: number, b) => a * (b ?? 1), 1),
    0,
  );
  const moco = usesMoco(shape.objective) && (shape.queueSize ?? 0) > 0;
  const keysAndQueue = moco ? (shape.batchSize + (shape.queueSize ?? 0)) * REPRESENTATION_WIDTH : 0;
  return FLOAT32_BYTES * (2 * weights + keysAndQueue) + lossWorkingBytes(shape, encoder.config);
}

/** Refuses (UsageError naming --memory-budget) a plain step that cannot fit the backend's heap. */
export function checkPretrainStepFits(
  encoder: CodeEncoder,
  shape: PretrainStepShape,
  backend: string,
): void {
  if (heapCeiling(backend) === null) return;
  checkPlainStepFits(plannedModel(encoder, shape.objective), {
    batch: shape.batchSize,
    backend,
    budgetFlag: '--memory-budget',
    otherBytes: pretrainStepOtherBytes(encoder, shape),
  });
}
