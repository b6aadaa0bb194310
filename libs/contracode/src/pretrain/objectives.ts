/**
 * The pretraining objectives: MoCo (InfoNCE against a momentum key encoder and a queue of
 * negatives), masked-LM (cross entropy at the masked positions) and the hybrid of the two, weighted
 * 4 : 1 as in ContraCode.
 */
import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@strata/cli';

export const OBJECTIVES = ['moco', 'hybrid', 'mlm'] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** Weights of the MoCo and masked-LM terms in the hybrid loss (4 : 1). */
export const HYBRID_WEIGHTS = { moco: 0.8, mlm: 0.2 } as const;

export function parseObjective(text: string): Objective {
  if ((OBJECTIVES as readonly string[]).includes(text)) return text as Objective;
  throw new UsageError(`--objective '${text}' does not exist: use ${OBJECTIVES.join(', ')}`);
}

export function usesMoco(objective: Objective): boolean {
  return objective !== 'mlm';
}

export function usesMlm(objective: Objective): boolean {
  return objective !== 'moco';
}

/** Mean cross entropy of logits [batch, tokens, vocab] at the positions whose weight is 1. */
export function maskedCrossEntropy(
  logits: tf.Tensor,
  targets: Int32Array,
  weights: Float32Array,
): tf.Scalar {
  return tf.tidy(() => {
    const vocab = logits.shape[logits.shape.length - 1]!;
    const flat = tf.reshape(logits, [targets.length, vocab]);
    const logProbs = tf.logSoftmax(flat);
    const picked = tf.sum(tf.mul(logProbs, tf.oneHot(tf.tensor1d(targets, 'int32'), vocab)), 1);
    const mask = tf.tensor1d(weights);
    const count = Math.max(
      1,
      weights.reduce((sum, w) => sum + w, 0),
    );
    return tf.div(tf.neg(tf.sum(tf.mul(picked, mask))), count) as tf.Scalar;
  });
}
