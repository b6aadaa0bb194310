/**
 * ResNet-style stack: a 16-filter stem (conv, batch norm, ReLU), one identity residual block,
 * one downsampling block (stride 2, 1×1 projection shortcut) to 32 filters, then global average
 * pooling (an AveragePooling2D over the whole map) and a dense classifier.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { SeedStream } from '../seeds.js';
import { floatInputs, syntheticBatches } from './batches.js';
import { chain, conv, dense, softmaxCrossEntropy } from './layers.js';
import { imageSide } from './sizes.js';
import type { BuiltinModel, BuiltinModelOptions } from './types.js';

const CLASSES = 10;

function residualBlock(
  seeds: SeedStream,
  x: tfl.SymbolicTensor,
  filters: number,
  strides: number,
): tfl.SymbolicTensor {
  const norm = (): tfl.layers.Layer => tfl.layers.batchNormalization();
  const relu = (): tfl.layers.Layer => tfl.layers.activation({ activation: 'relu' });
  const residual = chain(
    x,
    conv(seeds, filters, 'linear', { strides }),
    norm(),
    relu(),
    conv(seeds, filters, 'linear'),
    norm(),
  );
  const shortcut =
    strides === 1
      ? x
      : chain(x, conv(seeds, filters, 'linear', { kernelSize: 1, strides }), norm());
  return chain(tfl.layers.add().apply([residual, shortcut]) as tfl.SymbolicTensor, relu());
}

export function createResnet(options: BuiltinModelOptions): BuiltinModel {
  const side = imageSide(options, 2);
  const seeds = new SeedStream(options.seed);
  const inputShape = [side, side, 3];
  const input = tfl.input({ shape: inputShape, name: 'images' });
  const stem = chain(
    input,
    conv(seeds, 16, 'linear'),
    tfl.layers.batchNormalization(),
    tfl.layers.activation({ activation: 'relu' }),
  );
  const features = residualBlock(seeds, residualBlock(seeds, stem, 16, 1), 32, 2);
  const logits = chain(
    features,
    tfl.layers.averagePooling2d({ poolSize: side / 2, strides: side / 2 }),
    tfl.layers.flatten(),
    dense(seeds, CLASSES, 'linear'),
  );
  return {
    name: 'resnet',
    model: tfl.model({ inputs: input, outputs: logits, name: 'resnet' }),
    loss: softmaxCrossEntropy,
    inputShape,
    inputDtype: 'float32',
    makeBatch: syntheticBatches(floatInputs(inputShape), [], CLASSES),
  };
}
