/**
 * The kernels `@tensorflow/tfjs-backend-wasm` 4.22 lacks and tfjs-backend-cpu has run on the cpu
 * backend through `delegateKernels`, so every op the cpu backend can train, the wasm backend can
 * too, each such kernel at cpu speed plus two copies. The two that training the built-in models
 * needs, Conv2DBackpropFilter (a convolution's weight gradient) and UnsortedSegmentSum (an
 * embedding's), have their own wasm implementations instead: the cpu backend's are too slow to
 * delegate.
 */
import * as tf from '@tensorflow/tfjs-core';
import { delegateKernels, delegatingKernel } from './delegate-kernels.js';
import { conv2dBackpropFilterOnWasm } from './wasm-conv2d-backprop-filter.js';
import { unsortedSegmentSumOnWasm } from './wasm-unsorted-segment-sum.js';

/**
 * Kernels not delegated: their tensors are complex64 or strings, which the wasm backend cannot
 * hold, or they draw on a canvas.
 */
const NOT_DELEGATED = new Set([
  'Complex',
  'ComplexAbs',
  'Real',
  'Imag',
  'FFT',
  'IFFT',
  'StaticRegexReplace',
  'Draw',
]);

/**
 * wasm 4.22 kernels that give wrong gradients, replaced by the cpu backend's (the cpu-vs-wasm
 * gradient test found them; `wasm-kernel-fixes.test.ts` shows each against cpu):
 * - ResizeNearestNeighborGrad (UpSampling2D's gradient): right for the first image of a batch,
 *   wrong for the others;
 * - MaxPoolGrad: a window whose maximum is 0 can send its gradient to an element that is not the
 *   maximum, and ties go to the last maximum rather than TensorFlow's first.
 */
const WRONG_ON_WASM = ['ResizeNearestNeighborGrad', 'MaxPoolGrad'];

const kernelNames = (backend: string): Set<string> =>
  new Set(tf.getKernelsForBackend(backend).map((kernel) => kernel.kernelName));

/** The cpu kernels the wasm backend has no kernel for. */
export function kernelsMissingOnWasm(): string[] {
  const wasm = kernelNames('wasm');
  return [...kernelNames('cpu')].filter((name) => !wasm.has(name) && !NOT_DELEGATED.has(name));
}

let delegated: string[] | null = null;
const replaced = new Map<string, tf.KernelConfig>();

/** wasm's own kernel that `registerWasmTrainingKernels` replaced, kept to show what it got wrong. */
export function replacedWasmKernel(name: string): tf.KernelConfig | undefined {
  return replaced.get(name);
}

/**
 * Loads both backends' kernel registrations, registers Strata's own Conv2DBackpropFilter and
 * UnsortedSegmentSum, then delegates to the cpu backend the other kernels wasm lacks and the ones
 * it gets wrong; idempotent. Returns the names delegated.
 */
export async function registerWasmTrainingKernels(): Promise<string[]> {
  if (delegated) return delegated;
  await Promise.all([
    import('@tensorflow/tfjs-backend-cpu'),
    import('@tensorflow/tfjs-backend-wasm'),
  ]);
  for (const name of WRONG_ON_WASM) {
    replaced.set(name, tf.getKernel(name, 'wasm'));
    tf.unregisterKernel(name, 'wasm');
  }
  // Our own kernels where the cpu backend's are too slow to delegate.
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: conv2dBackpropFilterOnWasm(delegatingKernel('Conv2DBackpropFilter', 'wasm', 'cpu')),
  });
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: unsortedSegmentSumOnWasm,
  });
  delegated = delegateKernels([...kernelsMissingOnWasm()], 'wasm', 'cpu');
  return delegated;
}
