/**
 * Deterministic synthetic batches, drawn in JavaScript (mulberry32) rather than by TF.js random
 * ops, so a (batch size, seed) pair gives the same tensors on every backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { UsageError, mulberry32 } from '@strata/cli';
import type { Batch } from './types.js';

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** Uniform floats in [-1, 1). */
export function uniformFloats(shape: number[], random: () => number): tf.Tensor {
  const values = new Float32Array(size(shape));
  for (let i = 0; i < values.length; i += 1) values[i] = 2 * random() - 1;
  return tf.tensor(values, shape, 'float32');
}

/** Integers in [0, count). */
export function uniformInts(shape: number[], count: number, random: () => number): tf.Tensor {
  const values = new Int32Array(size(shape));
  for (let i = 0; i < values.length; i += 1) values[i] = Math.floor(random() * count);
  return tf.tensor(values, shape, 'int32');
}

/** One-hot labels of shape [...shape, classes], one random class per position. */
export function oneHotLabels(shape: number[], classes: number, random: () => number): tf.Tensor {
  const values = new Float32Array(size(shape) * classes);
  for (let i = 0; i < size(shape); i += 1) values[i * classes + Math.floor(random() * classes)] = 1;
  return tf.tensor(values, [...shape, classes], 'float32');
}

export function checkBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new UsageError(`batch size must be a positive integer, got ${batchSize}`);
  }
}

type InputMaker = (shape: number[], random: () => number) => tf.Tensor;

/** Float inputs in [-1, 1) of `inputShape`. */
export const floatInputs = (inputShape: number[]) => ({ inputShape, make: uniformFloats });

/** Token ids from a vocabulary, `tokens` per example. */
export const tokenInputs = (tokens: number, vocabSize: number) => ({
  inputShape: [tokens],
  make: ((shape, random) => uniformInts(shape, vocabSize, random)) as InputMaker,
});

/** A batch maker: inputs as `inputs` says, one-hot labels of `labelShape` × classes. */
export function syntheticBatches(
  inputs: { inputShape: number[]; make: InputMaker },
  labelShape: number[],
  classes: number,
): (batchSize: number, seed: number) => Batch {
  return (batchSize, seed) => {
    checkBatchSize(batchSize);
    const random = mulberry32(seed);
    return {
      xs: inputs.make([batchSize, ...inputs.inputShape], random),
      ys: oneHotLabels([batchSize, ...labelShape], classes, random),
    };
  };
}
