/**
 * Small U-Net for per-pixel classification: an encoder of two conv pairs with max-pooling
 * (8, 16 filters), a 32-filter bottleneck, and a decoder that upsamples and concatenates the
 * encoder's features at each scale (the skip connections), ending in a 1×1 convolution.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { floatInputs, syntheticBatches } from './batches.js';
import { ModelLayers, chain, softmaxCrossEntropy } from './layers.js';
import { imageSide } from './sizes.js';
import type { BuiltinModel, BuiltinModelOptions } from './types.js';

const CLASSES = 4;

export function createUnet(options: BuiltinModelOptions): BuiltinModel {
  const side = imageSide(options, 4);
  const l = new ModelLayers(options.seed);
  const inputShape = [side, side, 3];
  const input = tfl.input({ shape: inputShape, name: 'images' });

  const full = chain(input, l.conv(8, 'relu'), l.conv(8, 'relu'));
  const half = chain(full, l.maxPool(), l.conv(16, 'relu'), l.conv(16, 'relu'));
  const bottom = chain(half, l.maxPool(), l.conv(32, 'relu'));
  const halfUp = chain(l.concatenate(chain(bottom, l.upSample()), half), l.conv(16, 'relu'));
  const fullUp = chain(l.concatenate(chain(halfUp, l.upSample()), full), l.conv(8, 'relu'));
  const logits = chain(fullUp, l.conv(CLASSES, 'linear', { kernelSize: 1 }));
  return {
    name: 'unet',
    model: tfl.model({ inputs: input, outputs: logits, name: 'unet' }),
    loss: softmaxCrossEntropy,
    inputShape,
    inputDtype: 'float32',
    makeBatch: syntheticBatches(floatInputs(inputShape), [side, side], CLASSES),
  };
}
