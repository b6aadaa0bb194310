/**
 * Tensor methods (`t.flatten()`, `t.reshape(...)`, ...). tfjs-core's Node entry
 * (`dist/tf-core.node.js`) defines the ops but not these methods: the `@tensorflow/tfjs`
 * umbrella adds them by importing `dist/public/chained_ops/register_all_chained_ops`, an ES
 * module tree with extensionless imports that Node cannot load. tfjs-layers calls them (its
 * Orthogonal initializer, the LSTM's default recurrent initializer, calls `rMat.flatten()`), so a
 * program that imports tfjs-core and tfjs-layers without the umbrella fails with
 * "rMat.flatten is not a function". This module installs the same methods, each calling the op of
 * the same name with the tensor first, as tfjs-core's chained-op files do.
 */
import * as tf from '@tensorflow/tfjs-core';

type Method = (this: tf.Tensor, ...args: never[]) => unknown;

/** The methods `register_all_chained_ops` installs whose body is `op(this, ...args)`. */
const SAME_NAME_OPS = [
  'abs',
  'acos',
  'acosh',
  'add',
  'all',
  'any',
  'argMax',
  'argMin',
  'asin',
  'asinh',
  'atan',
  'atan2',
  'atanh',
  'avgPool',
  'batchNorm',
  'batchToSpaceND',
  'broadcastTo',
  'cast',
  'ceil',
  'clipByValue',
  'conv1d',
  'conv2d',
  'conv2dTranspose',
  'cos',
  'cosh',
  'cumprod',
  'cumsum',
  'depthToSpace',
  'depthwiseConv2d',
  'dilation2d',
  'div',
  'divNoNan',
  'dot',
  'elu',
  'equal',
  'erf',
  'euclideanNorm',
  'exp',
  'expandDims',
  'expm1',
  'fft',
  'floor',
  'floorDiv',
  'gather',
  'greater',
  'greaterEqual',
  'ifft',
  'irfft',
  'isFinite',
  'isInf',
  'isNaN',
  'leakyRelu',
  'less',
  'lessEqual',
  'localResponseNormalization',
  'log',
  'log1p',
  'logSigmoid',
  'logSoftmax',
  'logSumExp',
  'logicalAnd',
  'logicalNot',
  'logicalOr',
  'logicalXor',
  'matMul',
  'max',
  'maxPool',
  'maximum',
  'mean',
  'min',
  'minimum',
  'mirrorPad',
  'mod',
  'mul',
  'neg',
  'norm',
  'notEqual',
  'oneHot',
  'onesLike',
  'pad',
  'pool',
  'pow',
  'prelu',
  'prod',
  'reciprocal',
  'relu',
  'relu6',
  'reshape',
  'reverse',
  'rfft',
  'round',
  'rsqrt',
  'selu',
  'separableConv2d',
  'sigmoid',
  'sign',
  'sin',
  'sinh',
  'slice',
  'softmax',
  'softplus',
  'spaceToBatchND',
  'split',
  'sqrt',
  'square',
  'squaredDifference',
  'squeeze',
  'step',
  'stridedSlice',
  'sub',
  'sum',
  'tan',
  'tanh',
  'tile',
  'topk',
  'transpose',
  'unique',
  'unsortedSegmentSum',
  'unstack',
  'zerosLike',
] as const;

const asTensorList = (x: tf.Tensor | tf.Tensor[]): tf.Tensor[] => (Array.isArray(x) ? x : [x]);

/** The methods whose body is not `op(this, ...args)`. */
const SPECIAL_METHODS: Record<string, Method> = {
  flatten() {
    return tf.reshape(this, [this.size]);
  },
  as1D() {
    return tf.reshape(this, [this.size]);
  },
  as2D(...shape: number[]) {
    return tf.reshape(this, shape);
  },
  as3D(...shape: number[]) {
    return tf.reshape(this, shape);
  },
  as4D(...shape: number[]) {
    return tf.reshape(this, shape);
  },
  as5D(...shape: number[]) {
    return tf.reshape(this, shape);
  },
  asScalar() {
    tf.util.assert(this.size === 1, () => 'The array must have only 1 element.');
    return tf.reshape(this, []);
  },
  reshapeAs(other: tf.Tensor) {
    return tf.reshape(this, other.shape);
  },
  asType(dtype: tf.DataType) {
    return tf.cast(this, dtype);
  },
  toFloat() {
    return tf.cast(this, 'float32');
  },
  toInt() {
    return tf.cast(this, 'int32');
  },
  toBool() {
    return tf.cast(this, 'bool');
  },
  concat(others: tf.Tensor | tf.Tensor[], axis?: number) {
    return tf.concat([this, ...asTensorList(others)], axis);
  },
  stack(others: tf.Tensor | tf.Tensor[], axis?: number) {
    return tf.stack([this, ...asTensorList(others)], axis);
  },
  where(condition: tf.Tensor, other: tf.Tensor) {
    return tf.where(condition, this, other);
  },
  resizeBilinear(size: [number, number], alignCorners?: boolean, halfPixelCenters?: boolean) {
    return tf.image.resizeBilinear(this as tf.Tensor4D, size, alignCorners, halfPixelCenters);
  },
  resizeNearestNeighbor(
    size: [number, number],
    alignCorners?: boolean,
    halfPixelCenters?: boolean,
  ) {
    return tf.image.resizeNearestNeighbor(
      this as tf.Tensor4D,
      size,
      alignCorners,
      halfPixelCenters,
    );
  },
};

function install(prototype: Record<string, unknown>, name: string, body: Method): void {
  if (typeof prototype[name] === 'function') return; // the umbrella package, or an earlier import
  prototype[name] = function (this: tf.Tensor, ...args: never[]) {
    this.throwIfDisposed();
    return body.apply(this, args);
  };
}

/** Installs the chained-op methods on tfjs-core's Tensor class; idempotent. */
export function registerChainedOps(): void {
  const prototype = tf.Tensor.prototype as unknown as Record<string, unknown>;
  const ops = tf as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of SAME_NAME_OPS) {
    const op = ops[name];
    if (typeof op !== 'function') throw new Error(`tfjs-core has no op '${name}'`);
    install(prototype, name, function (this: tf.Tensor, ...args: unknown[]) {
      return op(this, ...args);
    } as Method);
  }
  for (const [name, body] of Object.entries(SPECIAL_METHODS)) install(prototype, name, body);
}

registerChainedOps();
