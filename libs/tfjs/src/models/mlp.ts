/** MLP: 64 features -> 128 -> 64 -> 10 classes, ReLU, dropout after the first hidden layer. */
import * as tfl from '@tensorflow/tfjs-layers';
import { SeedStream } from '../seeds.js';
import { floatInputs, syntheticBatches } from './batches.js';
import { chain, dense, softmaxCrossEntropy } from './layers.js';
import type { BuiltinModel, BuiltinModelOptions } from './types.js';

const FEATURES = 64;
const CLASSES = 10;

export function createMlp(options: BuiltinModelOptions): BuiltinModel {
  const seeds = new SeedStream(options.seed);
  const input = tfl.input({ shape: [FEATURES], name: 'features' });
  const logits = chain(
    input,
    dense(seeds, 128, 'relu'),
    tfl.layers.dropout({ rate: options.dropoutRate ?? 0.1, seed: seeds.next() }),
    dense(seeds, 64, 'relu'),
    dense(seeds, CLASSES, 'linear'),
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
