import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

export interface BuiltinLoss {
  /** The tf.losses function it is, for logs and graph files. */
  name: 'softmaxCrossEntropy';
  /** Mean loss of a batch; labels are one-hot over the last axis, predictions are logits. */
  compute(labels: tf.Tensor, logits: tf.Tensor): tf.Scalar;
}

export interface Batch {
  xs: tf.Tensor;
  ys: tf.Tensor;
}

export interface BuiltinModel {
  name: string;
  model: tfl.LayersModel;
  loss: BuiltinLoss;
  /** One example's input shape (no batch axis). */
  inputShape: number[];
  inputDtype: 'float32' | 'int32';
  /** A synthetic batch: the same (batchSize, seed) gives the same tensors on every backend. */
  makeBatch(batchSize: number, seed: number): Batch;
}

export interface BuiltinModelOptions {
  /** Seeds every initializer and dropout layer: the same seed gives the same weights. */
  seed: number;
  /** Dropout rate of the models with dropout (default 0.1). */
  dropoutRate?: number;
  /** Side of the square input images of vgg-cnn, unet and resnet (default 32, a multiple of 8). */
  imageSize?: number;
  /** Tokens per sequence of bilstm and transformer (default 32). */
  sequenceLength?: number;
}
