import * as tf from '@tensorflow/tfjs-core';
import type { Batch, BuiltinModel } from './types.js';

/** The model's trainable variables, in `model.trainableWeights` order. */
export function trainableVariables(builtin: BuiltinModel): tf.Variable[] {
  return builtin.model.trainableWeights.map(
    (weight) => (weight as unknown as { val: tf.Variable }).val,
  );
}

type VariableGradients = ReturnType<typeof tf.variableGrads>['grads'];

/**
 * Loss and gradients of one training step (dropout and batch statistics in training mode) by
 * plain `tf.variableGrads`, keyed by variable name.
 */
export function lossAndGradients(
  builtin: BuiltinModel,
  batch: Batch,
): { loss: tf.Scalar; grads: VariableGradients } {
  const { value, grads } = tf.variableGrads(
    () =>
      builtin.loss.compute(
        batch.ys,
        builtin.model.apply(batch.xs, { training: true }) as tf.Tensor,
      ),
    trainableVariables(builtin),
  );
  return { loss: value, grads };
}
