/**
 * ResNet-style stack: a 16-filter stem (conv, batch norm, ReLU), one identity residual block,
 * one downsampling block (stride 2, 1×1 projection shortcut) to 32 filters, then global average
 * pooling (an AveragePooling2D over the whole map) and a dense classifier.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { floatInputs, syntheticBatches } from './batches.js';
import { ModelLayers, chain, softmaxCrossEntropy } from './layers.js';
import { imageSide } from './sizes.js';
import type { BuiltinModel, BuiltinModelOptions } from './types.js';

const CLASSES = 10;

function residualBlock(
  l: ModelLayers,
  x: tfl.SymbolicTensor,
  filters: number,
  strides: number,
): tfl.SymbolicTensor {
  const residual = chain(
    x,
    l.conv(filters, 'linear', { strides }),
    l.batchNorm(),
    l.relu(),
    l.conv(filters, 'linear'),
    l.batchNorm(),
  );
  const shortcut =
    strides === 1
      ? x
      : chain(x, l.conv(filters, 'linear', { kernelSize: 1, strides }), l.batchNorm());
  return chain(l.add(residual, shortcut), l.relu());
}

export function createResnet(options: BuiltinModelOptions): BuiltinModel {
  const side = imageSide(options, 2);
  const l = new ModelLayers(options.seed);
  const inputShape = [side, side, 3];
  const input = tfl.input({ shape: inputShape, name: 'images' });
  const stem = chain(input, l.conv(16, 'linear'), l.batchNorm(), l.relu());
  const features = residualBlock(l, residualBlock(l, stem, 16, 1), 32, 2);
  const logits = chain(features, l.averagePool(side / 2), l.flatten(), l.dense(CLASSES, 'linear'));
  return {
    name: 'resnet',
    model: tfl.model({ inputs: input, outputs: logits, name: 'resnet' }),
    loss: softmaxCrossEntropy,
    inputShape,
    inputDtype: 'float32',
    makeBatch: syntheticBatches(floatInputs(inputShape), [], CLASSES),
  };
}
