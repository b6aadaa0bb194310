/**
 * InfoNCE as MoCo computes it: for each query, the logit of its positive key followed by the
 * logits of every key in the queue of negatives, all divided by the temperature, and the cross
 * entropy of picking the positive. Queries and keys are L2-normalised first.
 */
import * as tf from '@tensorflow/tfjs-core';

export const MOCO_TEMPERATURE = 0.07;

export { l2Normalize } from '../models/code-encoder.js';

/** [batch, 1 + K] logits: positive first, then the negatives. Inputs already normalised. */
export function mocoLogits(
  queries: tf.Tensor2D,
  keys: tf.Tensor2D,
  negatives: tf.Tensor2D,
  temperature = MOCO_TEMPERATURE,
): tf.Tensor2D {
  return tf.tidy(() => {
    const positive = tf.sum(tf.mul(queries, keys), 1, true);
    const negative = tf.matMul(queries, negatives, false, true);
    return tf.div(tf.concat([positive, negative], 1), temperature) as tf.Tensor2D;
  });
}

/** Mean InfoNCE loss of normalised queries against their keys and the negatives. */
export function infoNce(
  queries: tf.Tensor2D,
  keys: tf.Tensor2D,
  negatives: tf.Tensor2D,
  temperature = MOCO_TEMPERATURE,
): tf.Scalar {
  return tf.tidy(() => {
    const logits = mocoLogits(queries, keys, negatives, temperature);
    // The positive is column 0: loss = logsumexp(logits) - logits[:, 0].
    const positive = tf.squeeze(tf.slice(logits, [0, 0], [-1, 1]), [1]);
    return tf.mean(tf.sub(tf.logSumExp(logits, 1), positive)) as tf.Scalar;
  });
}

/** Fraction of queries whose positive outscores every negative (MoCo's acc@1). */
export function positiveRankedFirst(logits: tf.Tensor2D): number {
  return tf.tidy(() => {
    const best = tf.argMax(logits, 1);
    return tf.mean(tf.cast(tf.equal(best, 0), 'float32')).dataSync()[0]!;
  });
}
