/** Seeded layer constructors the built-in models share. */
import * as tfl from '@tensorflow/tfjs-layers';
import * as tf from '@tensorflow/tfjs-core';
import type { SeedStream } from '../seeds.js';
import type { BuiltinLoss } from './types.js';

type Activation = 'relu' | 'linear';

export const softmaxCrossEntropy: BuiltinLoss = {
  name: 'softmaxCrossEntropy',
  compute: (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar,
};

export function dense(seeds: SeedStream, units: number, activation: Activation): tfl.layers.Layer {
  return tfl.layers.dense({
    units,
    activation,
    kernelInitializer: tfl.initializers.glorotUniform({ seed: seeds.next() }),
  });
}

export function conv(
  seeds: SeedStream,
  filters: number,
  activation: Activation,
  options: { kernelSize?: number; strides?: number } = {},
): tfl.layers.Layer {
  return tfl.layers.conv2d({
    filters,
    kernelSize: options.kernelSize ?? 3,
    strides: options.strides ?? 1,
    padding: 'same',
    activation,
    kernelInitializer: tfl.initializers.heNormal({ seed: seeds.next() }),
  });
}

/** Applies layers in order, functional-API style. */
export function chain(
  input: tfl.SymbolicTensor,
  ...layers: tfl.layers.Layer[]
): tfl.SymbolicTensor {
  return layers.reduce((x, layer) => layer.apply(x) as tfl.SymbolicTensor, input);
}
