/**
 * VGG-style CNN: two blocks of two 3×3 convolutions and a 2×2 max-pool (16 then 32 filters),
 * then a dense classifier with dropout. Input: RGB images.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { SeedStream } from '../seeds.js';
import { floatInputs, syntheticBatches } from './batches.js';
import { chain, conv, dense, softmaxCrossEntropy } from './layers.js';
import type { BuiltinModel, BuiltinModelOptions } from './types.js';
import { imageSide } from './sizes.js';

const CLASSES = 10;

export function createVggCnn(options: BuiltinModelOptions): BuiltinModel {
  const side = imageSide(options, 4);
  const seeds = new SeedStream(options.seed);
  const inputShape = [side, side, 3];
  const input = tfl.input({ shape: inputShape, name: 'images' });
  const pool = (): tfl.layers.Layer => tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 });
  const logits = chain(
    input,
    conv(seeds, 16, 'relu'),
    conv(seeds, 16, 'relu'),
    pool(),
    conv(seeds, 32, 'relu'),
    conv(seeds, 32, 'relu'),
    pool(),
    tfl.layers.flatten(),
    dense(seeds, 64, 'relu'),
    tfl.layers.dropout({ rate: options.dropoutRate ?? 0.1, seed: seeds.next() }),
    dense(seeds, CLASSES, 'linear'),
  );
  return {
    name: 'vgg-cnn',
    model: tfl.model({ inputs: input, outputs: logits, name: 'vgg_cnn' }),
    loss: softmaxCrossEntropy,
    inputShape,
    inputDtype: 'float32',
    makeBatch: syntheticBatches(floatInputs(inputShape), [], CLASSES),
  };
}
