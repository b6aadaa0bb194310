/** MLP: 64 features -> 128 -> 64 -> 10 classes, ReLU, dropout after the first hidden layer. */
import * as tfl from '@tensorflow/tfjs-layers';
import { floatInputs, syntheticBatches } from './batches.js';
import { ModelLayers, chain, softmaxCrossEntropy } from './layers.js';
import type { BuiltinModel, BuiltinModelOptions } from './types.js';

const FEATURES = 64;
const CLASSES = 10;

export function createMlp(options: BuiltinModelOptions): BuiltinModel {
  const l = new ModelLayers(options.seed);
  const input = tfl.input({ shape: [FEATURES], name: 'features' });
  const logits = chain(
    input,
    l.dense(128, 'relu'),
    l.dropout(options.dropoutRate ?? 0.1),
    l.dense(64, 'relu'),
    l.dense(CLASSES, 'linear'),
  );
  return {
    name: 'mlp',
    model: tfl.model({ inputs: input, outputs: logits, name: 'mlp' }),
    loss: softmaxCrossEntropy,
    inputShape: [FEATURES],
    inputDtype: 'float32',
    makeBatch: syntheticBatches(floatInputs([FEATURES]), [], CLASSES),
  };
}
