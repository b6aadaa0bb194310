/**
 * Small U-Net for per-pixel classification: an encoder of two conv pairs with max-pooling
 * (8, 16 filters), a 32-filter bottleneck, and a decoder that upsamples and concatenates the
 * encoder's features at each scale (the skip connections), ending in a 1×1 convolution.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { SeedStream } from '../seeds.js';
import { floatInputs, syntheticBatches } from './batches.js';
import { chain, conv, softmaxCrossEntropy } from './layers.js';
import { imageSide } from './sizes.js';
import type { BuiltinModel, BuiltinModelOptions } from './types.js';

const CLASSES = 4;

export function createUnet(options: BuiltinModelOptions): BuiltinModel {
  const side = imageSide(options, 4);
  const seeds = new SeedStream(options.seed);
  const inputShape = [side, side, 3];
  const input = tfl.input({ shape: inputShape, name: 'images' });
  const pool = (): tfl.layers.Layer => tfl.layers.maxPooling2d({ poolSize: 2, strides: 2 });
  const up = (): tfl.layers.Layer => tfl.layers.upSampling2d({ size: [2, 2] });
  const skip = (a: tfl.SymbolicTensor, b: tfl.SymbolicTensor): tfl.SymbolicTensor =>
    tfl.layers.concatenate({ axis: -1 }).apply([a, b]) as tfl.SymbolicTensor;

  const full = chain(input, conv(seeds, 8, 'relu'), conv(seeds, 8, 'relu'));
  const half = chain(full, pool(), conv(seeds, 16, 'relu'), conv(seeds, 16, 'relu'));
  const bottom = chain(half, pool(), conv(seeds, 32, 'relu'));
  const halfUp = chain(skip(chain(bottom, up()), half), conv(seeds, 16, 'relu'));
  const fullUp = chain(skip(chain(halfUp, up()), full), conv(seeds, 8, 'relu'));
  const logits = chain(fullUp, conv(seeds, CLASSES, 'linear', { kernelSize: 1 }));
  return {
    name: 'unet',
    model: tfl.model({ inputs: input, outputs: logits, name: 'unet' }),
    loss: softmaxCrossEntropy,
    inputShape,
    inputDtype: 'float32',
    makeBatch: syntheticBatches(floatInputs(inputShape), [side, side], CLASSES),
  };
}
