import type * as tfl from '@tensorflow/tfjs-layers';

/** What the FLOP estimate of one layer sees: shapes without the batch dimension. */
export interface LayerShapes {
  readonly layer: tfl.layers.Layer;
  readonly inputShapes: readonly (readonly number[])[];
  readonly outputShape: readonly number[];
  /** Trainable and non-trainable weight elements. */
  readonly paramCount: number;
}

type FlopEstimate = (shapes: LayerShapes) => number;

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const last = (shape: readonly number[]) => shape[shape.length - 1] ?? 1;
const config = (layer: tfl.layers.Layer) => layer.getConfig() as Record<string, unknown>;
const pair = (value: unknown, fallback: number): [number, number] =>
  Array.isArray(value)
    ? [Number(value[0]), Number(value[1] ?? value[0])]
    : typeof value === 'number'
      ? [value, value]
      : [fallback, fallback];

/** Output elements: the cost of layers that move or touch each value once. */
const elementwise: FlopEstimate = ({ outputShape }) => size(outputShape);
/** 2 × weights × output positions: exact for Dense, the recurrent and attention layers' matmuls. */
const matmul: FlopEstimate = ({ outputShape, paramCount }) =>
  (2 * paramCount * size(outputShape)) / last(outputShape) + size(outputShape);

const conv2d: FlopEstimate = ({ layer, inputShapes, outputShape }) => {
  const [kh, kw] = pair(config(layer)['kernelSize'], 1);
  return 2 * kh * kw * last(inputShapes[0] ?? [1]) * size(outputShape);
};
const depthwise: FlopEstimate = ({ layer, outputShape }) => {
  const [kh, kw] = pair(config(layer)['kernelSize'], 1);
  return 2 * kh * kw * size(outputShape);
};
const separable: FlopEstimate = ({ layer, inputShapes, outputShape }) => {
  const [kh, kw] = pair(config(layer)['kernelSize'], 1);
  const input = inputShapes[0] ?? [1];
  const positions = size(outputShape) / last(outputShape);
  return 2 * kh * kw * last(input) * positions + 2 * last(input) * size(outputShape);
};
const transpose: FlopEstimate = ({ layer, inputShapes, outputShape }) => {
  const [kh, kw] = pair(config(layer)['kernelSize'], 1);
  return 2 * kh * kw * size(inputShapes[0] ?? [1]) * last(outputShape);
};
const pooling: FlopEstimate = ({ layer, outputShape }) => {
  const [ph, pw] = pair(config(layer)['poolSize'], 2);
  return ph * pw * size(outputShape);
};
const globalPooling: FlopEstimate = ({ inputShapes }) => size(inputShapes[0] ?? [1]);
/** Mean, variance, normalise, scale and shift: about five passes over the values. */
const normalization: FlopEstimate = ({ outputShape }) => 5 * size(outputShape);
const merge: FlopEstimate = ({ inputShapes, outputShape }) =>
  Math.max(1, inputShapes.length - 1) * size(outputShape);
/** Projections (weights × positions) plus QKᵀ and the weighted sum: 4·T²·d. */
const attention: FlopEstimate = (shapes) => {
  const { outputShape } = shapes;
  const steps = outputShape.length >= 2 ? (outputShape[outputShape.length - 2] ?? 1) : 1;
  return matmul(shapes) + 4 * steps * steps * last(outputShape) + 5 * steps * steps;
};

/**
 * Every layer class the importer and executor support, with its forward FLOP estimate (per
 * example). The executor runs any of them the same way (a per-layer VJP), so the list exists for
 * the cost model and to refuse what nobody has checked.
 */
const SUPPORTED: ReadonlyMap<string, FlopEstimate> = new Map<string, FlopEstimate>([
  ['Dense', matmul],
  ['Conv2D', conv2d],
  ['DepthwiseConv2D', depthwise],
  ['SeparableConv2D', separable],
  ['Conv2DTranspose', transpose],
  ['MaxPooling2D', pooling],
  ['AveragePooling2D', pooling],
  ['GlobalAveragePooling2D', globalPooling],
  ['GlobalMaxPooling2D', globalPooling],
  ['BatchNormalization', normalization],
  ['LayerNormalization', normalization],
  ['Activation', elementwise],
  ['ReLU', elementwise],
  ['Softmax', (s) => 3 * elementwise(s)],
  ['Dropout', (s) => 2 * elementwise(s)],
  ['Flatten', elementwise],
  ['Reshape', elementwise],
  ['ZeroPadding2D', elementwise],
  ['Cropping2D', elementwise],
  ['UpSampling2D', elementwise],
  ['Add', merge],
  ['Multiply', merge],
  ['Concatenate', elementwise],
  ['Embedding', elementwise],
  ['LSTM', matmul],
  ['Bidirectional', matmul],
  ['MultiHeadSelfAttention', attention],
  // libs/tfjs's learned position embedding: adds a [tokens, width] table to its input.
  ['PositionEmbedding', elementwise],
]);

export function isSupportedLayer(className: string): boolean {
  return SUPPORTED.has(className);
}

export function supportedLayerNames(): string[] {
  return [...SUPPORTED.keys()];
}

/** Forward FLOPs of one layer for one example. */
export function forwardFlops(className: string, shapes: LayerShapes): number {
  const estimate = SUPPORTED.get(className);
  if (estimate === undefined) throw new Error(`no FLOP estimate for ${className}`);
  return estimate(shapes);
}
