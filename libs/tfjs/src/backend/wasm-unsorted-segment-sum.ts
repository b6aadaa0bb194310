/**
 * UnsortedSegmentSum (an Embedding's gradient: the rows of the output gradient summed per token id)
 * for the wasm backend, as one pass over the data in JavaScript: O(data size). The cpu backend's
 * version, which a plain delegation would run, builds a mask and a sum for every segment (every
 * vocabulary entry), O(segments × data size), and dominated the Transformer's step on wasm.
 * TensorFlow's semantics: ids outside [0, numSegments) are dropped; empty segments are 0.
 */
import * as tf from '@tensorflow/tfjs-core';

type TensorInfo = tf.TensorInfo;

export const unsortedSegmentSumOnWasm: tf.KernelFunc = (args) => {
  const { x, segmentIds } = args.inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = args.attrs as unknown as { numSegments: number };
  const backend = args.backend as tf.KernelBackend;
  const data = backend.readSync(x.dataId) as Float32Array | Int32Array;
  const ids = backend.readSync(segmentIds.dataId) as Int32Array;
  // segmentIds' shape is a prefix of x's: each id owns a slice of `width` values.
  const width = tf.util.sizeFromShape(x.shape.slice(segmentIds.shape.length));
  const shape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
  const out =
    x.dtype === 'int32'
      ? new Int32Array(numSegments * width)
      : new Float32Array(numSegments * width);
  for (let i = 0; i < ids.length; i += 1) {
    const segment = ids[i]!;
    if (segment < 0 || segment >= numSegments) continue;
    const from = i * width;
    const to = segment * width;
    for (let j = 0; j < width; j += 1) out[to + j]! += data[from + j]!;
  }
  return { dataId: backend.write(out, shape, x.dtype), shape, dtype: x.dtype };
};
