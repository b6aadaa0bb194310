/**
 * Transformer classifier: the ContraCode-shaped Transformer encoder (width 32, 4 heads, 2
 * blocks), mean-pooled over tokens, and a dense layer giving class logits.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { transformerEncoder } from '../blocks/transformer-encoder.js';
import { syntheticBatches, tokenInputs } from './batches.js';
import { ModelLayers, chain, softmaxCrossEntropy } from './layers.js';
import { sequenceLength } from './sizes.js';
import type { BuiltinModel, BuiltinModelOptions } from './types.js';

const VOCAB = 512;
const CLASSES = 10;

export function createTransformer(options: BuiltinModelOptions): BuiltinModel {
  const tokens = sequenceLength(options);
  const l = new ModelLayers(options.seed);
  const input = tfl.input({ shape: [tokens], dtype: 'int32', name: 'tokens' });
  const encoder = transformerEncoder({
    vocabSize: VOCAB,
    sequenceLength: tokens,
    width: 32,
    numHeads: 4,
    feedForwardWidth: 64,
    layers: 2,
    dropoutRate: options.dropoutRate ?? 0.1,
    seed: l.seeds.next(),
    name: 'encoder',
  });
  const logits = chain(encoder.apply(input).pooled, l.dense(CLASSES, 'linear'));
  return {
    name: 'transformer',
    model: tfl.model({ inputs: input, outputs: logits, name: 'transformer' }),
    loss: softmaxCrossEntropy,
    inputShape: [tokens],
    inputDtype: 'int32',
    makeBatch: syntheticBatches(tokenInputs(tokens, VOCAB), [], CLASSES),
  };
}
