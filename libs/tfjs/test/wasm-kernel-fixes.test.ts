import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../src/index.js';
import { replacedWasmKernel } from '../src/backend/wasm-kernels.js';

/** Runs a kernel function on the active backend's tensors and reads its output. */
function runKernel(
  config: tf.KernelConfig,
  inputs: Record<string, tf.Tensor>,
  attrs: object,
): number[] {
  const backend = tf.backend();
  const out = config.kernelFunc({
    inputs,
    backend,
    attrs: attrs as unknown as tf.NamedAttrMap,
  }) as tf.TensorInfo;
  const values = Array.from(backend.readSync(out.dataId) as Float32Array);
  backend.disposeData(out.dataId);
  return values;
}

interface Case {
  kernel: string;
  inputs: () => Record<string, tf.Tensor>;
  attrs: object;
}

const CASES: Case[] = [
  {
    // A 2×2 window whose maximum, 0, is its second element.
    kernel: 'MaxPoolGrad',
    inputs: () => {
      const input = tf.tensor4d([-1, 0, -1, -1], [1, 2, 2, 1]);
      return { dy: tf.ones([1, 1, 1, 1]), input, output: tf.maxPool(input, 2, 2, 'valid') };
    },
    attrs: { filterSize: 2, strides: 2, pad: 'valid' },
  },
  {
    // Two images upsampled 2×: the second image's gradient.
    kernel: 'ResizeNearestNeighborGrad',
    inputs: () => ({
      images: tf.zeros([2, 2, 2, 1]),
      dy: tf.reshape(tf.range(0, 32), [2, 4, 4, 1]),
    }),
    attrs: { alignCorners: false, halfPixelCenters: false },
  },
];

describe.each(CASES)('$kernel on wasm', ({ kernel, inputs, attrs }) => {
  it("is cpu's result; wasm 4.22's own kernel gives another", async () => {
    await initBackend('cpu', () => {});
    const expected = runKernel(tf.getKernel(kernel, 'cpu'), inputs(), attrs);
    await initBackend('wasm', () => {});
    const original = replacedWasmKernel(kernel);
    expect(original).toBeDefined();
    // It was unregistered before the backend started, which binds a kernel's wasm function.
    original!.setupFunc?.(tf.backend());
    expect(runKernel(original!, inputs(), attrs)).not.toEqual(expected);
    expect(runKernel(tf.getKernel(kernel, 'wasm'), inputs(), attrs)).toEqual(expected);
  });
});
