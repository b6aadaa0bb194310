/**
 * Picks the TF.js backend and says which one runs and why. `auto` prefers the native bindings when
 * the user has installed them (tfjs-node-gpu, then tfjs-node: not dependencies of Strata, since
 * their install downloads a binary, so they are imported by a computed name and their absence is
 * normal), else WebAssembly with the kernels it lacks for training filled in. `cpu` is the pure-JS
 * backend: single-threaded and deterministic, the one bit-exact results are promised on.
 */
import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@strata/cli';
import { registerWasmTrainingKernels } from './wasm-kernels.js';

export type BackendChoice = 'auto' | 'cpu' | 'wasm' | 'tensorflow';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'cpu', 'wasm', 'tensorflow'];

const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

/** Imports the first installed native package; its name, or null when none is installed. */
async function importNative(): Promise<string | null> {
  for (const name of NATIVE_PACKAGES) {
    try {
      await import(name);
      return name;
    } catch {
      // Not installed (or its binary failed to load): try the next, then fall back.
    }
  }
  return null;
}

async function activate(name: string): Promise<boolean> {
  const ok = await tf.setBackend(name);
  if (ok) await tf.ready();
  return ok;
}

/** Initialises the backend and returns its name; says which one and why on `say`. */
export async function initBackend(
  choice: BackendChoice,
  say: (line: string) => void,
): Promise<string> {
  if (!BACKEND_CHOICES.includes(choice)) {
    throw new UsageError(
      `unknown backend '${String(choice)}': use one of ${BACKEND_CHOICES.join(', ')}`,
    );
  }
  // Our own backend line replaces TF.js's "install tfjs-node" banner.
  tf.env().set('PROD', true);
  const why = choice === 'auto' ? 'auto' : `--backend ${choice}`;
  if (choice === 'auto' || choice === 'tensorflow') {
    const native = await importNative();
    if (native && (await activate('tensorflow'))) {
      say(`backend: tensorflow (${why}: native bindings from ${native})`);
      return 'tensorflow';
    }
    if (choice === 'tensorflow') {
      throw new UsageError(
        'the tensorflow backend needs @tensorflow/tfjs-node or @tensorflow/tfjs-node-gpu: install one (npm install @tensorflow/tfjs-node) or use --backend wasm',
      );
    }
  }
  if (choice === 'auto' || choice === 'wasm') {
    const delegated = await registerWasmTrainingKernels();
    if (await activate('wasm')) {
      const reason = choice === 'auto' ? 'no @tensorflow/tfjs-node installed' : 'chosen';
      say(
        `backend: wasm (${why}: ${reason}; ${delegated.length} kernels wasm lacks or gets wrong run on the cpu backend's code)`,
      );
      return 'wasm';
    }
    if (choice === 'wasm') {
      throw new UsageError('the wasm backend failed to initialise: try --backend cpu');
    }
  }
  await import('@tensorflow/tfjs-backend-cpu');
  await activate('cpu');
  const reason = choice === 'auto' ? 'wasm failed to initialise' : 'deterministic, bit-exact';
  say(`backend: cpu (${why}: ${reason})`);
  return 'cpu';
}
