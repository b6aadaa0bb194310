import * as tf from '@tensorflow/tfjs-core';
import { mulberry32 } from '@strata/cli';
import { initBackend } from '../src/index.js';

/** The weight gradient of a convolution, by the active backend's kernels. */
function filterGradient(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: number,
  pad: 'same' | 'valid',
): Float32Array {
  const gradient = tf.tidy(() => {
    const random = mulberry32(11);
    const values = (n: number): Float32Array =>
      Float32Array.from({ length: n }, () => random() - 0.5);
    const x = tf.tensor4d(values(xShape.reduce((a, b) => a * b)), xShape);
    const filter = tf.tensor4d(values(filterShape.reduce((a, b) => a * b)), filterShape);
    const outShape = tf.conv2d(x, filter, strides, pad).shape;
    const dy = tf.tensor4d(values(outShape.reduce((a, b) => a * b)), outShape);
    // d/dfilter of Σ conv2d(x, filter)·dy is the Conv2DBackpropFilter kernel of (x, dy).
    return tf.grad((f: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv2d(x, f as tf.Tensor4D, strides, pad), dy)),
    )(filter);
  });
  const values = gradient.dataSync() as Float32Array;
  gradient.dispose();
  return values;
}

const CASES: [
  string,
  [number, number, number, number],
  [number, number, number, number],
  number,
  'same' | 'valid',
][] = [
  ['3×3 same', [2, 7, 6, 3], [3, 3, 3, 4], 1, 'same'],
  ['3×3 same stride 2', [2, 8, 7, 3], [3, 3, 3, 5], 2, 'same'],
  ['1×1 stride 2', [3, 6, 6, 4], [1, 1, 4, 2], 2, 'valid'],
  ['5×3 valid', [1, 9, 8, 2], [5, 3, 2, 3], 1, 'valid'],
];

describe.each(CASES)("wasm's Conv2DBackpropFilter, %s", (_, xShape, filterShape, strides, pad) => {
  it("equals the cpu backend's within float32 rounding", async () => {
    await initBackend('cpu', () => {});
    const expected = filterGradient(xShape, filterShape, strides, pad);
    await initBackend('wasm', () => {});
    const numTensors = tf.memory().numTensors;
    const numDataIds = tf.backend().numDataIds();
    const actual = filterGradient(xShape, filterShape, strides, pad);
    // Nothing left behind: no tensor, and none of the kernel's intermediates in the wasm heap.
    expect(tf.memory().numTensors).toBe(numTensors);
    expect(tf.backend().numDataIds()).toBe(numDataIds);
    expect(actual.length).toBe(expected.length);
    // Sums of at most a few hundred products of values below 0.5: 1e-5 is far above rounding.
    expected.forEach((v, i) => expect(Math.abs(actual[i]! - v)).toBeLessThan(1e-5));
  });
});
