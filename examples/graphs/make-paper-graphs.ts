/**
 * Generates the training graphs of the Checkmate paper's architectures (Jain et al., MLSys 2020):
 * VGG16, VGG19, MobileNet (v1), ResNet50, U-Net and FCN8, as Strata graph files with the
 * node ↔ layer mapping, FLOP-costed (forward MFLOPs, backward 3× its forward: the executor's VJP
 * re-runs the layer), float32 activations.
 *
 * The models are built with TF.js Layers (zero-initialised: only shapes matter) and imported by
 * @strata/remat-tfjs, so these files are exactly what `strata remat graph` writes for them.
 * Sizes: 224×224 RGB for the classifiers, 416×608 for the segmentation networks, at the batch
 * sizes listed in PAPER_GRAPHS.
 *
 * Run: npx tsx examples/graphs/make-paper-graphs.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { importTrainingGraph, toMappedGraphJson } from '@strata/remat-tfjs';

type T = tfl.SymbolicTensor;
const zeros = { kernelInitializer: 'zeros', biasInitializer: 'zeros' } as const;
const apply = (layer: tfl.layers.Layer, input: T | T[]) => layer.apply(input) as T;

function conv(
  x: T,
  filters: number,
  kernel: number,
  name: string,
  options: {
    strides?: number;
    activation?: 'relu' | 'linear';
    padding?: 'same' | 'valid';
    useBias?: boolean;
  } = {},
): T {
  return apply(
    tfl.layers.conv2d({
      filters,
      kernelSize: kernel,
      strides: options.strides ?? 1,
      padding: options.padding ?? 'same',
      activation: options.activation ?? 'relu',
      useBias: options.useBias ?? true,
      name,
      ...zeros,
    }),
    x,
  );
}

const pool = (x: T, name: string) =>
  apply(tfl.layers.maxPooling2d({ poolSize: 2, strides: 2, name }), x);
const bn = (x: T, name: string) => apply(tfl.layers.batchNormalization({ name }), x);
const relu = (x: T, name: string) => apply(tfl.layers.activation({ activation: 'relu', name }), x);

/** VGG convolution blocks; returns every block's pooled output. */
function vggBlocks(x: T, perBlock: number[]): T[] {
  const filters = [64, 128, 256, 512, 512];
  const outputs: T[] = [];
  perBlock.forEach((count, b) => {
    for (let i = 0; i < count; i += 1) x = conv(x, filters[b]!, 3, `block${b + 1}_conv${i + 1}`);
    x = pool(x, `block${b + 1}_pool`);
    outputs.push(x);
  });
  return outputs;
}

function vgg(perBlock: number[], name: string): tfl.LayersModel {
  const input = tfl.input({ shape: [224, 224, 3], name: 'image' });
  let x = vggBlocks(input, perBlock).at(-1)!;
  x = apply(tfl.layers.flatten({ name: 'flatten' }), x);
  x = apply(tfl.layers.dense({ units: 4096, activation: 'relu', name: 'fc1', ...zeros }), x);
  x = apply(tfl.layers.dense({ units: 4096, activation: 'relu', name: 'fc2', ...zeros }), x);
  x = apply(tfl.layers.dense({ units: 1000, name: 'predictions', ...zeros }), x);
  return tfl.model({ inputs: input, outputs: x, name });
}

/** MobileNet v1 (width 1.0) as Keras builds it: depthwise-separable blocks with BN and ReLU6. */
function mobilenet(): tfl.LayersModel {
  const input = tfl.input({ shape: [224, 224, 3], name: 'image' });
  const relu6 = (x: T, name: string) => apply(tfl.layers.reLU({ maxValue: 6, name }), x);
  let x = conv(input, 32, 3, 'conv1', { strides: 2, activation: 'linear', useBias: false });
  x = relu6(bn(x, 'conv1_bn'), 'conv1_relu');
  const blocks: [number, number][] = [
    [64, 1],
    [128, 2],
    [128, 1],
    [256, 2],
    [256, 1],
    [512, 2],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [1024, 2],
    [1024, 1],
  ];
  blocks.forEach(([filters, strides], i) => {
    const id = i + 1;
    x = apply(
      tfl.layers.depthwiseConv2d({
        kernelSize: 3,
        strides,
        padding: 'same',
        useBias: false,
        name: `conv_dw_${id}`,
        depthwiseInitializer: 'zeros',
      }),
      x,
    );
    x = relu6(bn(x, `conv_dw_${id}_bn`), `conv_dw_${id}_relu`);
    x = conv(x, filters, 1, `conv_pw_${id}`, { activation: 'linear', useBias: false });
    x = relu6(bn(x, `conv_pw_${id}_bn`), `conv_pw_${id}_relu`);
  });
  x = apply(tfl.layers.globalAveragePooling2d({ name: 'global_pool' }), x);
  x = apply(tfl.layers.dropout({ rate: 0.001, name: 'dropout' }), x);
  x = apply(tfl.layers.dense({ units: 1000, name: 'predictions', ...zeros }), x);
  return tfl.model({ inputs: input, outputs: x, name: 'mobilenet' });
}

/** ResNet50: bottleneck blocks [3, 4, 6, 3] with projection shortcuts, BN after every convolution. */
function resnet50(): tfl.LayersModel {
  const input = tfl.input({ shape: [224, 224, 3], name: 'image' });
  let x = apply(tfl.layers.zeroPadding2d({ padding: 3, name: 'conv1_pad' }), input);
  x = conv(x, 64, 7, 'conv1_conv', { strides: 2, activation: 'linear', padding: 'valid' });
  x = relu(bn(x, 'conv1_bn'), 'conv1_relu');
  x = apply(tfl.layers.zeroPadding2d({ padding: 1, name: 'pool1_pad' }), x);
  x = apply(tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, name: 'pool1_pool' }), x);
  const stages: [number, number][] = [
    [64, 3],
    [128, 4],
    [256, 6],
    [512, 3],
  ];
  stages.forEach(([filters, blocks], s) => {
    for (let b = 0; b < blocks; b += 1) {
      const name = `conv${s + 2}_block${b + 1}`;
      const strides = b === 0 && s > 0 ? 2 : 1;
      let shortcut = x;
      if (b === 0) {
        shortcut = conv(x, 4 * filters, 1, `${name}_0_conv`, { strides, activation: 'linear' });
        shortcut = bn(shortcut, `${name}_0_bn`);
      }
      let y = conv(x, filters, 1, `${name}_1_conv`, { strides, activation: 'linear' });
      y = relu(bn(y, `${name}_1_bn`), `${name}_1_relu`);
      y = conv(y, filters, 3, `${name}_2_conv`, { activation: 'linear' });
      y = relu(bn(y, `${name}_2_bn`), `${name}_2_relu`);
      y = conv(y, 4 * filters, 1, `${name}_3_conv`, { activation: 'linear' });
      y = bn(y, `${name}_3_bn`);
      x = relu(apply(tfl.layers.add({ name: `${name}_add` }), [shortcut, y]), `${name}_out`);
    }
  });
  x = apply(tfl.layers.globalAveragePooling2d({ name: 'avg_pool' }), x);
  x = apply(tfl.layers.dense({ units: 1000, name: 'predictions', ...zeros }), x);
  return tfl.model({ inputs: input, outputs: x, name: 'resnet50' });
}

/** Cityscapes' 19 evaluation classes: Checkmate's NUM_SEGMENTATION_CLASSES for every segmentation model. */
const SEGMENTATION_CLASSES = 19;

/** As image-segmentation-keras's get_segmentation_model ends a network: pixels × classes, softmax. */
function segmentationOutput(x: T): T {
  const [height, width, classes] = x.shape.slice(1) as number[];
  x = apply(tfl.layers.reshape({ targetShape: [height! * width!, classes!], name: 'pixels' }), x);
  return apply(tfl.layers.activation({ activation: 'softmax', name: 'softmax' }), x);
}

/**
 * The paper's U-Net: image-segmentation-keras's `vgg_unet` (Checkmate's "U-Net with VGG16"): VGG16
 * blocks 1-4 as the encoder, then three ×2 up-samplings concatenated with the pool3, pool2 and
 * pool1 outputs, each stage a zero-padded 3×3 convolution (512, 256, 128, 64) with batch norm,
 * and a 3×3 convolution to the classes at half the input resolution.
 */
function unet(): tfl.LayersModel {
  const input = tfl.input({ shape: [416, 608, 3], name: 'image' });
  const [f1, f2, f3, f4] = vggBlocks(input, [2, 2, 3, 3]);
  const stage = (x: T, filters: number, name: string) => {
    x = apply(tfl.layers.zeroPadding2d({ padding: 1, name: `${name}_pad` }), x);
    return bn(conv(x, filters, 3, `${name}_conv`, { padding: 'valid' }), `${name}_bn`);
  };
  let x = stage(f4!, 512, 'center');
  const skips: [T, number][] = [
    [f3!, 256],
    [f2!, 128],
    [f1!, 64],
  ];
  skips.forEach(([skip, filters], i) => {
    x = apply(tfl.layers.upSampling2d({ size: [2, 2], name: `up${i + 1}_upsample` }), x);
    x = apply(tfl.layers.concatenate({ name: `up${i + 1}_concat` }), [x, skip]);
    x = stage(x, filters, `up${i + 1}`);
  });
  x = conv(x, SEGMENTATION_CLASSES, 3, 'classes', { activation: 'linear' });
  return tfl.model({ inputs: input, outputs: segmentationOutput(x), name: 'unet' });
}

/** FCN-8s (Long et al.): a VGG16 encoder, 7×7 and 1×1 "fully convolutional" layers, ×2 ×2 ×8 up-convolutions with pool4 and pool3 skips. */
function fcn8(): tfl.LayersModel {
  const classes = SEGMENTATION_CLASSES;
  const input = tfl.input({ shape: [416, 608, 3], name: 'image' });
  const pools = vggBlocks(input, [2, 2, 3, 3, 3]);
  let x = conv(pools[4]!, 4096, 7, 'fc6');
  x = apply(tfl.layers.dropout({ rate: 0.5, name: 'drop6' }), x);
  x = conv(x, 4096, 1, 'fc7');
  x = apply(tfl.layers.dropout({ rate: 0.5, name: 'drop7' }), x);
  x = conv(x, classes, 1, 'score_fr', { activation: 'linear' });
  const up = (y: T, stride: number, name: string) =>
    apply(
      tfl.layers.conv2dTranspose({
        filters: classes,
        kernelSize: 2 * stride,
        strides: stride,
        padding: 'same',
        useBias: false,
        name,
        kernelInitializer: 'zeros',
      }),
      y,
    );
  x = up(x, 2, 'upscore2');
  x = apply(tfl.layers.add({ name: 'fuse_pool4' }), [
    x,
    conv(pools[3]!, classes, 1, 'score_pool4', { activation: 'linear' }),
  ]);
  x = up(x, 2, 'upscore_pool4');
  x = apply(tfl.layers.add({ name: 'fuse_pool3' }), [
    x,
    conv(pools[2]!, classes, 1, 'score_pool3', { activation: 'linear' }),
  ]);
  x = up(x, 8, 'upscore8');
  return tfl.model({ inputs: input, outputs: segmentationOutput(x), name: 'fcn8' });
}

/**
 * File, builder and batch size of each graph. Where the numbers come from (parasj/checkmate):
 * experiments/experiment_budget_sweep.py keys its settings by (model, batch): VGG16 256,
 * MobileNet 512, ResNet50 256, vgg_unet 32 (the paper's budget-sweep figures).
 * experiments/common/load_keras_model.py builds the Keras applications at their default 224×224
 * and the segmentation models at image-segmentation-keras's default 416×608 with 19 classes.
 * VGG19 and FCN8 appear only in the maximum-batch experiments (experiment_max_batchsize*.py),
 * which search the batch from 1 up: no batch is stated, so these use VGG16's and U-Net's.
 */
const PAPER_GRAPHS: readonly [string, () => tfl.LayersModel, number][] = [
  ['vgg16', () => vgg([2, 2, 3, 3, 3], 'vgg16'), 256],
  ['vgg19', () => vgg([2, 2, 4, 4, 4], 'vgg19'), 256],
  ['mobilenet', mobilenet, 512],
  ['resnet50', resnet50, 256],
  ['unet', unet, 32],
  ['fcn8', fcn8, 32],
];

await tf.setBackend('cpu');
const here = dirname(fileURLToPath(import.meta.url));
for (const [name, build, batch] of PAPER_GRAPHS) {
  const model = build();
  const imported = importTrainingGraph(model, { batch, label: `paper:${name}` });
  const file = join(here, `paper-${name}.json`);
  writeFileSync(file, toMappedGraphJson(imported));
  console.log(
    `${file}: ${imported.graph.nodes.length} nodes, ${imported.graph.edges.length} edges`,
  );
  model.dispose();
}
