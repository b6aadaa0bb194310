/**
 * Layer constructors the built-in models share. Every layer gets a deterministic name (kind and
 * ordinal within the model) and every initializer and dropout layer a seed from the model's seed,
 * so one (model, seed) names the same layers and weights in every process: TF.js's automatic
 * names (`dense_Dense7`) count the layers a process has created, and a training graph or a remat
 * plan refers to layers by name.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { SeedStream } from '../seeds.js';
import type { BuiltinLoss } from './types.js';

type Activation = 'relu' | 'linear';

export const softmaxCrossEntropy: BuiltinLoss = {
  name: 'softmaxCrossEntropy',
  compute: (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar,
};

export class ModelLayers {
  readonly seeds: SeedStream;
  private readonly counts = new Map<string, number>();

  constructor(seed: number) {
    this.seeds = new SeedStream(seed);
  }

  /** `kind1`, `kind2`, ... in creation order. */
  name(kind: string): string {
    const count = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, count);
    return `${kind}${count}`;
  }

  dense(units: number, activation: Activation): tfl.layers.Layer {
    return tfl.layers.dense({
      units,
      activation,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: this.seeds.next() }),
      name: this.name('dense'),
    });
  }

  conv(
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
      kernelInitializer: tfl.initializers.heNormal({ seed: this.seeds.next() }),
      name: this.name('conv'),
    });
  }

  dropout(rate: number): tfl.layers.Layer {
    return tfl.layers.dropout({ rate, seed: this.seeds.next(), name: this.name('dropout') });
  }

  maxPool(): tfl.layers.Layer {
    return tfl.layers.maxPooling2d({ poolSize: 2, strides: 2, name: this.name('maxpool') });
  }

  averagePool(size: number): tfl.layers.Layer {
    return tfl.layers.averagePooling2d({
      poolSize: size,
      strides: size,
      name: this.name('avgpool'),
    });
  }

  upSample(): tfl.layers.Layer {
    return tfl.layers.upSampling2d({ size: [2, 2], name: this.name('upsample') });
  }

  batchNorm(): tfl.layers.Layer {
    return tfl.layers.batchNormalization({ name: this.name('batchnorm') });
  }

  relu(): tfl.layers.Layer {
    return tfl.layers.activation({ activation: 'relu', name: this.name('relu') });
  }

  flatten(): tfl.layers.Layer {
    return tfl.layers.flatten({ name: this.name('flatten') });
  }

  add(a: tfl.SymbolicTensor, b: tfl.SymbolicTensor): tfl.SymbolicTensor {
    return tfl.layers.add({ name: this.name('add') }).apply([a, b]) as tfl.SymbolicTensor;
  }

  concatenate(a: tfl.SymbolicTensor, b: tfl.SymbolicTensor): tfl.SymbolicTensor {
    return tfl.layers
      .concatenate({ axis: -1, name: this.name('concat') })
      .apply([a, b]) as tfl.SymbolicTensor;
  }
}

/** Applies layers in order, functional-API style. */
export function chain(
  input: tfl.SymbolicTensor,
  ...layers: tfl.layers.Layer[]
): tfl.SymbolicTensor {
  return layers.reduce((x, layer) => layer.apply(x) as tfl.SymbolicTensor, input);
}
