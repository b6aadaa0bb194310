/**
 * The BiLSTM encoder of ContraCode and DeepTyper: token embeddings, then stacked bidirectional
 * LSTMs whose forward and backward states are concatenated per token.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { SeedStream } from '../seeds.js';
import type { EncoderOutputs, SequenceEncoder } from './encoder.js';
import { layerName, meanOverTokens, tokenEmbedding } from './parts.js';

export interface BilstmEncoderConfig {
  vocabSize: number;
  sequenceLength: number;
  embeddingDim: number;
  /** LSTM units per direction; token states are 2 × units wide. */
  units: number;
  /** Stacked bidirectional layers (default 2). */
  layers?: number;
  seed: number;
  /** Prefix of the layer names (default: TF.js numbers them). */
  name?: string;
}

/**
 * Bidirectional builds its backward LSTM from the forward one's config, seeds included, so both
 * directions would start from the same weights; the backward kernels get their own seeds here.
 */
function reseedBackward(
  layer: tfl.layers.Layer,
  [kernelSeed, recurrentSeed]: readonly [number, number],
): void {
  const [kernel, recurrentKernel, bias, ...backward] = layer.getWeights();
  if (!kernel || !recurrentKernel || !bias || backward.length !== 3) {
    throw new Error(`${layer.name}: expected the 6 weights of a bidirectional LSTM`);
  }
  const fresh = [
    tfl.initializers.glorotUniform({ seed: kernelSeed }).apply(kernel.shape),
    tfl.initializers.orthogonal({ seed: recurrentSeed }).apply(recurrentKernel.shape),
  ];
  layer.setWeights([kernel, recurrentKernel, bias, fresh[0]!, fresh[1]!, backward[2]!]);
  tf.dispose(fresh);
}

export function bilstmEncoder(config: BilstmEncoderConfig): SequenceEncoder {
  const seeds = new SeedStream(config.seed);
  const depth = config.layers ?? 2;
  const embedding = tokenEmbedding(
    config.vocabSize,
    config.embeddingDim,
    config.sequenceLength,
    seeds.next(),
    config.name,
  );
  const recurrent = Array.from({ length: depth }, (_, index) => ({
    layer: tfl.layers.bidirectional({
      layer: tfl.layers.lstm({
        units: config.units,
        returnSequences: true,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: seeds.next() }),
        recurrentInitializer: tfl.initializers.orthogonal({ seed: seeds.next() }),
        ...layerName(config.name, `lstm${index + 1}`),
      }) as tfl.RNN,
      mergeMode: 'concat',
      ...layerName(config.name, `bilstm${index + 1}`),
    }),
    backwardSeeds: [seeds.next(), seeds.next()] as const,
  }));
  const width = 2 * config.units;
  let applied = 0;
  return {
    width,
    apply(ids: tfl.SymbolicTensor): EncoderOutputs {
      let states = embedding.apply(ids) as tfl.SymbolicTensor;
      for (const { layer, backwardSeeds } of recurrent) {
        states = layer.apply(states) as tfl.SymbolicTensor;
        if (applied === 0) reseedBackward(layer, backwardSeeds);
      }
      // Pooling layers are stateless: new ones per application keep their names unique.
      const poolName = config.name && (applied === 0 ? config.name : `${config.name}_${applied}`);
      applied += 1;
      return {
        tokenStates: states,
        pooled: meanOverTokens(states, config.sequenceLength, width, poolName),
      };
    },
  };
}
