/**
 * A small Transformer encoder (the ContraCode Transformer's shape): token embeddings plus learned
 * position embeddings, then post-norm blocks of multi-head self-attention and a ReLU feed-forward
 * layer, each with dropout, a residual Add and LayerNormalization.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { MultiHeadSelfAttention } from '../layers/multi-head-self-attention.js';
import { PositionEmbedding } from '../layers/position-embedding.js';
import { SeedStream } from '../seeds.js';
import type { EncoderOutputs, SequenceEncoder } from './encoder.js';
import { layerName, meanOverTokens, tokenEmbedding } from './parts.js';

export interface TransformerEncoderConfig {
  vocabSize: number;
  sequenceLength: number;
  /** Model width: embeddings, attention and token states. */
  width: number;
  numHeads: number;
  /** Hidden width of the feed-forward layer. */
  feedForwardWidth: number;
  /** Encoder blocks (default 2). */
  layers?: number;
  /** Dropout rate after attention and after the feed-forward layer (default 0.1). */
  dropoutRate?: number;
  seed: number;
  name?: string;
}

interface Block {
  attention: MultiHeadSelfAttention;
  attentionDropout: tfl.layers.Layer;
  attentionAdd: tfl.layers.Layer;
  attentionNorm: tfl.layers.Layer;
  hidden: tfl.layers.Layer;
  output: tfl.layers.Layer;
  outputDropout: tfl.layers.Layer;
  outputAdd: tfl.layers.Layer;
  outputNorm: tfl.layers.Layer;
}

export function transformerEncoder(config: TransformerEncoderConfig): SequenceEncoder {
  const seeds = new SeedStream(config.seed);
  const rate = config.dropoutRate ?? 0.1;
  const named = (suffix: string): { name?: string } => layerName(config.name, suffix);
  const embedding = tokenEmbedding(
    config.vocabSize,
    config.width,
    config.sequenceLength,
    seeds.next(),
    config.name,
  );
  const positions = new PositionEmbedding({
    maxLength: config.sequenceLength,
    seed: seeds.next(),
    ...named('positions'),
  });
  const dense = (units: number, activation: 'relu' | 'linear', suffix: string): tfl.layers.Layer =>
    tfl.layers.dense({
      units,
      activation,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seeds.next() }),
      ...named(suffix),
    });
  const blocks: Block[] = Array.from({ length: config.layers ?? 2 }, (_, index) => {
    const at = (suffix: string): string => `block${index + 1}_${suffix}`;
    return {
      attention: new MultiHeadSelfAttention({
        numHeads: config.numHeads,
        seed: seeds.next(),
        ...named(at('attention')),
      }),
      attentionDropout: tfl.layers.dropout({
        rate,
        seed: seeds.next(),
        ...named(at('attention_dropout')),
      }),
      attentionAdd: tfl.layers.add(named(at('attention_add'))),
      attentionNorm: tfl.layers.layerNormalization(named(at('attention_norm'))),
      hidden: dense(config.feedForwardWidth, 'relu', at('ff_hidden')),
      output: dense(config.width, 'linear', at('ff_output')),
      outputDropout: tfl.layers.dropout({ rate, seed: seeds.next(), ...named(at('ff_dropout')) }),
      outputAdd: tfl.layers.add(named(at('ff_add'))),
      outputNorm: tfl.layers.layerNormalization(named(at('ff_norm'))),
    };
  });
  let applied = 0;
  return {
    width: config.width,
    apply(ids: tfl.SymbolicTensor): EncoderOutputs {
      const step = (layer: tfl.layers.Layer, input: tfl.SymbolicTensor | tfl.SymbolicTensor[]) =>
        layer.apply(input) as tfl.SymbolicTensor;
      let states = step(positions, step(embedding, ids));
      for (const block of blocks) {
        const attended = step(block.attentionDropout, step(block.attention, states));
        states = step(block.attentionNorm, step(block.attentionAdd, [states, attended]));
        const fed = step(block.outputDropout, step(block.output, step(block.hidden, states)));
        states = step(block.outputNorm, step(block.outputAdd, [states, fed]));
      }
      const poolName = config.name && (applied === 0 ? config.name : `${config.name}_${applied}`);
      applied += 1;
      return {
        tokenStates: states,
        pooled: meanOverTokens(states, config.sequenceLength, config.width, poolName),
      };
    },
  };
}
