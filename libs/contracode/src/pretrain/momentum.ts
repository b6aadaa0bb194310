/**
 * MoCo's key encoder is an exponential moving average of the query encoder:
 * key ← m·key + (1 − m)·query, parameter by parameter, after every step (m = 0.999).
 */
import * as tf from '@tensorflow/tfjs-core';

export const MOCO_MOMENTUM = 0.999;

export function momentumUpdate(
  keyWeights: readonly tf.Variable[],
  queryWeights: readonly tf.Tensor[],
  momentum = MOCO_MOMENTUM,
): void {
  if (keyWeights.length !== queryWeights.length) {
    throw new Error(
      `the key encoder has ${keyWeights.length} weights, the query encoder ${queryWeights.length}`,
    );
  }
  tf.tidy(() => {
    keyWeights.forEach((key, index) => {
      const query = queryWeights[index]!;
      key.assign(tf.add(tf.mul(key, momentum), tf.mul(query, 1 - momentum)));
    });
  });
}
