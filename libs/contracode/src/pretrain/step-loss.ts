/**
 * The loss of one pretraining step from the query encoder's outputs: InfoNCE of the normalised
 * representation against the step's keys and the queue (MoCo), cross entropy at the masked
 * positions (MLM), or both weighted 4 : 1 (hybrid). One closure serves the plain step (inside
 * `optimizer.minimize`) and the planned step (the remat executor's loss node), so both compute the
 * same thing.
 */
import * as tf from '@tensorflow/tfjs-core';
import { infoNce, l2Normalize, mocoLogits, positiveRankedFirst } from './info-nce.js';
import type { MaskedBatch } from './masking.js';
import { HYBRID_WEIGHTS, maskedCrossEntropy, type Objective } from './objectives.js';
import type { QueryOutputs } from './planned-query.js';

export interface StepLossInputs {
  objective: Objective;
  /** The key encoder's normalised representations of the second views (MoCo). */
  keyRows: tf.Tensor2D | null;
  /** The queue of negatives (MoCo). */
  negatives: tf.Tensor2D | null;
  /** The masked queries' targets and weights (MLM). */
  masked: MaskedBatch | null;
  /** Receives the loss terms and MoCo's acc@1 for the metrics log. */
  metrics: Record<string, number>;
}

export function stepLoss({
  objective,
  keyRows,
  negatives,
  masked,
  metrics,
}: StepLossInputs): (outputs: QueryOutputs) => tf.Scalar {
  return (outputs) => {
    const [representation, logits] =
      objective === 'moco'
        ? [outputs as tf.Tensor2D, null]
        : objective === 'mlm'
          ? [null, outputs as tf.Tensor]
          : (outputs as [tf.Tensor2D, tf.Tensor]);
    let total: tf.Tensor | null = null;
    if (representation && keyRows && negatives) {
      const q = l2Normalize(representation);
      const contrastive = infoNce(q, keyRows, negatives);
      metrics['moco'] = contrastive.dataSync()[0]!;
      metrics['acc1'] = positiveRankedFirst(mocoLogits(q, keyRows, negatives));
      total = objective === 'hybrid' ? tf.mul(contrastive, HYBRID_WEIGHTS.moco) : contrastive;
    }
    if (logits && masked) {
      const mlm = maskedCrossEntropy(logits, masked.targets, masked.weights);
      metrics['mlm'] = mlm.dataSync()[0]!;
      const weighted = objective === 'hybrid' ? tf.mul(mlm, HYBRID_WEIGHTS.mlm) : mlm;
      total = total ? tf.add(total, weighted) : weighted;
    }
    return total as tf.Scalar;
  };
}
