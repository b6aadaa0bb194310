/**
 * The kernels `@tensorflow/tfjs-backend-wasm` 4.22 lacks and tfjs-backend-cpu has, among them the
 * ones training needs (Conv2DBackpropFilter for a convolution's weight gradient, UnsortedSegmentSum
 * for an embedding's). They run on the cpu backend through `delegateKernels`, so every op the cpu
 * backend can train, the wasm backend can too; each such kernel runs at cpu speed plus two copies.
 */
import * as tf from '@tensorflow/tfjs-core';
import { delegateKernels } from './delegate-kernels.js';

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

const kernelNames = (backend: string): Set<string> =>
  new Set(tf.getKernelsForBackend(backend).map((kernel) => kernel.kernelName));

/** The cpu kernels the wasm backend has no kernel for (the delegation's list). */
export function kernelsMissingOnWasm(): string[] {
  const wasm = kernelNames('wasm');
  return [...kernelNames('cpu')].filter((name) => !wasm.has(name) && !NOT_DELEGATED.has(name));
}

let delegated: string[] | null = null;

/**
 * Loads both backends' kernel registrations and registers the missing wasm kernels; idempotent.
 * Returns the names delegated to the cpu backend.
 */
export async function registerWasmTrainingKernels(): Promise<string[]> {
  if (delegated) return delegated;
  await Promise.all([
    import('@tensorflow/tfjs-backend-cpu'),
    import('@tensorflow/tfjs-backend-wasm'),
  ]);
  delegated = delegateKernels(kernelsMissingOnWasm(), 'wasm', 'cpu');
  return delegated;
}
