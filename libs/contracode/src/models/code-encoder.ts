/**
 * A code encoder for ContraCode: the BiLSTM or Transformer building block of @strata/tfjs over
 * token ids, a projection head (Dense-ReLU-Dense, as ContraCode's) from the mean token state to
 * the 128-wide representation, and a masked-LM head (Dense-ReLU-LayerNorm, then logits over the
 * vocabulary) on every token state. Three Layers models share the same layers: `projection`
 * (MoCo, embeddings), `mlm` (the masked-LM baseline) and `both` (the hybrid objective, one forward
 * pass for both losses).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { SeedStream, bilstmEncoder, transformerEncoder, type SequenceEncoder } from '@strata/tfjs';
import { REPRESENTATION_WIDTH, type EncoderConfig } from './config.js';

export interface CodeEncoder {
  config: EncoderConfig;
  projection: tfl.LayersModel;
  mlm: tfl.LayersModel;
  both: tfl.LayersModel;
  /** Every weight, in a fixed order (the checkpoint's). */
  weights: tfl.LayerVariable[];
  dispose(): void;
}

export function buildCodeEncoder(config: EncoderConfig, seed: number, name: string): CodeEncoder {
  const seeds = new SeedStream(seed);
  const backbone = sequenceEncoder(config, seeds.next(), name);
  const ids = tfl.input({ shape: [config.sequenceLength], dtype: 'int32', name: `${name}_ids` });
  const { tokenStates, pooled } = backbone.apply(ids);
  const dense = (units: number, activation: 'relu' | 'linear', suffix: string): tfl.layers.Layer =>
    tfl.layers.dense({
      units,
      activation,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seeds.next() }),
      name: `${name}_${suffix}`,
    });
  const projected = dense(REPRESENTATION_WIDTH, 'linear', 'project_out').apply(
    dense(config.width, 'relu', 'project_hidden').apply(pooled),
  ) as tfl.SymbolicTensor;
  const mlmHidden = tfl.layers
    .layerNormalization({ name: `${name}_mlm_norm` })
    .apply(dense(config.width, 'relu', 'mlm_hidden').apply(tokenStates)) as tfl.SymbolicTensor;
  const logits = dense(config.vocabSize, 'linear', 'mlm_logits').apply(
    mlmHidden,
  ) as tfl.SymbolicTensor;
  const both = tfl.model({ inputs: ids, outputs: [projected, logits], name: `${name}_both` });
  const projection = tfl.model({ inputs: ids, outputs: projected, name: `${name}_projection` });
  const mlm = tfl.model({ inputs: ids, outputs: logits, name: `${name}_mlm` });
  return {
    config,
    projection,
    mlm,
    both,
    weights: both.weights,
    dispose: () => both.dispose(),
  };
}

function sequenceEncoder(config: EncoderConfig, seed: number, name: string): SequenceEncoder {
  if (config.kind === 'bilstm') {
    return bilstmEncoder({
      vocabSize: config.vocabSize,
      sequenceLength: config.sequenceLength,
      embeddingDim: config.width,
      units: config.width,
      layers: config.layers,
      seed,
      name,
    });
  }
  return transformerEncoder({
    vocabSize: config.vocabSize,
    sequenceLength: config.sequenceLength,
    width: config.width,
    numHeads: config.heads,
    feedForwardWidth: config.feedForward,
    layers: config.layers,
    dropoutRate: config.dropout,
    seed,
    name,
  });
}

/** The L2-normalised representations of id rows [n, sequenceLength], in batches (no gradient). */
export function embedRows(encoder: CodeEncoder, rows: Int32Array, batchSize = 64): Float32Array {
  const length = encoder.config.sequenceLength;
  const count = rows.length / length;
  const out = new Float32Array(count * REPRESENTATION_WIDTH);
  for (let start = 0; start < count; start += batchSize) {
    const size = Math.min(batchSize, count - start);
    const values = tf.tidy(() => {
      const ids = tf.tensor2d(
        rows.subarray(start * length, (start + size) * length),
        [size, length],
        'int32',
      );
      const rep = encoder.projection.apply(ids, { training: false }) as tf.Tensor2D;
      return tf
        .div(rep, tf.add(tf.norm(rep, 'euclidean', 1, true), 1e-12))
        .dataSync() as Float32Array;
    });
    out.set(values, start * REPRESENTATION_WIDTH);
  }
  return out;
}

/** Rows scaled to unit length. */
export function l2Normalize(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.div(x, tf.add(tf.norm(x, 'euclidean', 1, true), 1e-12)) as tf.Tensor2D);
}
