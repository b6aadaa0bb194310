import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/index.js';

/** Segment sums of [5, 2, 3] values with repeated ids and one id past the last segment. */
function segmentSums(dtype: 'float32' | 'int32'): number[] {
  return tf.tidy(() => {
    const data = tf.tensor3d(
      Array.from({ length: 30 }, (_, i) => (dtype === 'int32' ? i : i * 0.37 - 4)),
      [5, 2, 3],
      dtype,
    );
    const ids = tf.tensor1d([3, 0, 3, 7, 1], 'int32');
    return Array.from(tf.unsortedSegmentSum(data, ids, 4).dataSync());
  });
}

describe.each(['float32', 'int32'] as const)("wasm's UnsortedSegmentSum, %s", (dtype) => {
  it("equals the cpu backend's, dropping ids past the last segment", async () => {
    await initBackend('cpu', () => {});
    const expected = segmentSums(dtype);
    await initBackend('wasm', () => {});
    const numDataIds = tf.backend().numDataIds();
    const actual = segmentSums(dtype);
    expect(tf.backend().numDataIds()).toBe(numDataIds);
    expect(actual).toHaveLength(4 * 2 * 3);
    // Segment 2 is empty; id 7 is dropped.
    expect(actual.slice(12, 18)).toEqual([0, 0, 0, 0, 0, 0]);
    expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 5));
  });
});
