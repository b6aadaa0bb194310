/**
 * Picks the TF.js backend. `auto` prefers the native bindings when the user has installed them
 * (tfjs-node-gpu, then tfjs-node: they are not dependencies of this repo, so they are imported by
 * a computed name and their absence is normal), else WebAssembly. `cpu` is the pure-JS backend:
 * single-threaded and deterministic, the one bit-exact resume is promised on.
 */
import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@strata/cli';

export type BackendChoice = 'auto' | 'cpu' | 'wasm';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'cpu', 'wasm'];

const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;

async function tryImport(name: string): Promise<boolean> {
  try {
    await import(name);
    return true;
  } catch {
    return false;
  }
}

/** Initialises the backend and returns its name; says which one on stderr. */
export async function initBackend(
  choice: BackendChoice,
  say: (line: string) => void,
): Promise<string> {
  // Our own backend line replaces TF.js's "install tfjs-node" banner.
  tf.env().set('PROD', true);
  if (choice === 'auto') {
    for (const name of NATIVE_PACKAGES) {
      if (await tryImport(name)) {
        await tf.setBackend('tensorflow');
        await tf.ready();
        say(`backend: tensorflow (native, from ${name})`);
        return 'tensorflow';
      }
    }
  }
  if (choice === 'auto' || choice === 'wasm') {
    await import('@tensorflow/tfjs-backend-wasm');
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      say(`backend: wasm${choice === 'auto' ? ' (no @tensorflow/tfjs-node installed)' : ''}`);
      return 'wasm';
    }
    if (choice === 'wasm')
      throw new UsageError('the wasm backend failed to initialise: try --backend cpu');
  }
  if (choice !== 'cpu' && choice !== 'auto') {
    throw new UsageError(
      `unknown backend '${String(choice)}': use one of ${BACKEND_CHOICES.join(', ')}`,
    );
  }
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  await tf.ready();
  say('backend: cpu (deterministic)');
  return 'cpu';
}
