/**
 * BiLSTM tagger in DeepTyper's shape: the ContraCode BiLSTM encoder (embedding 32, two 16-unit
 * bidirectional LSTM layers) and a dense layer giving one type per token.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { bilstmEncoder } from '../blocks/bilstm-encoder.js';
import { syntheticBatches, tokenInputs } from './batches.js';
import { ModelLayers, chain, softmaxCrossEntropy } from './layers.js';
import { sequenceLength } from './sizes.js';
import type { BuiltinModel, BuiltinModelOptions } from './types.js';

const VOCAB = 512;
const TYPES = 16;

export function createBilstm(options: BuiltinModelOptions): BuiltinModel {
  const tokens = sequenceLength(options);
  const l = new ModelLayers(options.seed);
  const input = tfl.input({ shape: [tokens], dtype: 'int32', name: 'tokens' });
  const encoder = bilstmEncoder({
    vocabSize: VOCAB,
    sequenceLength: tokens,
    embeddingDim: 32,
    units: 16,
    layers: 2,
    seed: l.seeds.next(),
    name: 'encoder',
  });
  const logits = chain(encoder.apply(input).tokenStates, l.dense(TYPES, 'linear'));
  return {
    name: 'bilstm',
    model: tfl.model({ inputs: input, outputs: logits, name: 'bilstm' }),
    loss: softmaxCrossEntropy,
    inputShape: [tokens],
    inputDtype: 'int32',
    makeBatch: syntheticBatches(tokenInputs(tokens, VOCAB), [tokens], TYPES),
  };
}
