import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { LossFunction } from '../../src/index.js';

export interface SmallModel {
  readonly name: string;
  readonly model: tfl.LayersModel;
  readonly loss: LossFunction;
  readonly makeBatch: (batch: number, seed: number) => { xs: tf.Tensor; ys: tf.Tensor };
}

const init = (seed: number) => tfl.initializers.glorotUniform({ seed });
const softmaxLoss: LossFunction = (labels, logits) =>
  tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
const mseLoss: LossFunction = (labels, predictions) =>
  tf.losses.meanSquaredError(labels, predictions) as tf.Scalar;

function classBatch(shape: number[], classes: number) {
  return (batch: number, seed: number) => ({
    xs: tf.randomNormal([batch, ...shape], 0, 1, 'float32', seed),
    ys: tf.tidy(() =>
      tf.oneHot(tf.randomUniform([batch], 0, classes, 'int32', seed + 1) as tf.Tensor1D, classes),
    ),
  });
}

/** A Sequential MLP with Dropout: the masks must repeat in recomputation. */
export function dropoutMlp(): SmallModel {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({
        units: 24,
        inputShape: [12],
        activation: 'relu',
        kernelInitializer: init(1),
      }),
      tfl.layers.dropout({ rate: 0.3 }),
      tfl.layers.dense({ units: 24, activation: 'tanh', kernelInitializer: init(2) }),
      tfl.layers.dropout({ rate: 0.3 }),
      tfl.layers.dense({ units: 16, activation: 'relu', kernelInitializer: init(3) }),
      tfl.layers.dense({ units: 5, kernelInitializer: init(4) }),
    ],
  });
  return { name: 'dropout-mlp', model, loss: softmaxLoss, makeBatch: classBatch([12], 5) };
}

/** A functional CNN with BatchNormalization, a residual Add and a Concatenate skip. */
export function residualCnn(): SmallModel {
  const input = tfl.input({ shape: [8, 8, 2] });
  const conv = (filters: number, seed: number) =>
    tfl.layers.conv2d({ filters, kernelSize: 3, padding: 'same', kernelInitializer: init(seed) });
  const a = conv(4, 5).apply(input) as tfl.SymbolicTensor;
  const b = tfl.layers.batchNormalization().apply(a) as tfl.SymbolicTensor;
  const c = tfl.layers.activation({ activation: 'relu' }).apply(b) as tfl.SymbolicTensor;
  const d = conv(4, 6).apply(c) as tfl.SymbolicTensor;
  const e = tfl.layers.add().apply([d, a]) as tfl.SymbolicTensor;
  const f = tfl.layers.maxPooling2d({ poolSize: 2 }).apply(e) as tfl.SymbolicTensor;
  const g = tfl.layers.upSampling2d({ size: [2, 2] }).apply(f) as tfl.SymbolicTensor;
  const h = tfl.layers.concatenate().apply([g, c]) as tfl.SymbolicTensor;
  const i = tfl.layers.averagePooling2d({ poolSize: 2 }).apply(h) as tfl.SymbolicTensor;
  const j = tfl.layers.flatten().apply(i) as tfl.SymbolicTensor;
  const k = tfl.layers
    .dense({ units: 3, kernelInitializer: init(7) })
    .apply(j) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: k });
  return { name: 'residual-cnn', model, loss: softmaxLoss, makeBatch: classBatch([8, 8, 2], 3) };
}

/** Embedding, Bidirectional LSTM, LayerNormalization and a Reshape, regressing a vector. */
export function sequenceModel(): SmallModel {
  const model = tfl.sequential({
    layers: [
      tfl.layers.embedding({
        inputDim: 11,
        outputDim: 6,
        inputLength: 5,
        embeddingsInitializer: init(8),
      }),
      tfl.layers.bidirectional({
        layer: tfl.layers.lstm({
          units: 4,
          returnSequences: true,
          kernelInitializer: init(9),
          recurrentInitializer: init(10),
        }) as unknown as tfl.layers.RNN,
      }),
      tfl.layers.layerNormalization(),
      tfl.layers.reshape({ targetShape: [40] }),
      tfl.layers.dense({ units: 3, kernelInitializer: init(11) }),
    ],
  });
  return {
    name: 'sequence',
    model,
    loss: mseLoss,
    makeBatch: (batch, seed) => ({
      xs: tf.randomUniform([batch, 5], 0, 11, 'int32', seed),
      ys: tf.randomNormal([batch, 3], 0, 1, 'float32', seed + 1),
    }),
  };
}
