/**
 * VGG-style CNN: two blocks of two 3×3 convolutions and a 2×2 max-pool (16 then 32 filters),
 * then a dense classifier with dropout. Input: RGB images.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { floatInputs, syntheticBatches } from './batches.js';
import { ModelLayers, chain, softmaxCrossEntropy } from './layers.js';
import type { BuiltinModel, BuiltinModelOptions } from './types.js';
import { imageSide } from './sizes.js';

const CLASSES = 10;

export function createVggCnn(options: BuiltinModelOptions): BuiltinModel {
  const side = imageSide(options, 4);
  const l = new ModelLayers(options.seed);
  const inputShape = [side, side, 3];
  const input = tfl.input({ shape: inputShape, name: 'images' });
  const logits = chain(
    input,
    l.conv(16, 'relu'),
    l.conv(16, 'relu'),
    l.maxPool(),
    l.conv(32, 'relu'),
    l.conv(32, 'relu'),
    l.maxPool(),
    l.flatten(),
    l.dense(64, 'relu'),
    l.dropout(options.dropoutRate ?? 0.1),
    l.dense(CLASSES, 'linear'),
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
