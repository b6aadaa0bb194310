import type { GLPK } from 'glpk.js/node';

/** One GLPK WebAssembly runtime per process (the synchronous Node build), reloaded after a crash. */
let runtime: Promise<GLPK> | undefined;

export function glpkRuntime(): Promise<GLPK> {
  runtime ??= import('glpk.js/node').then((module) => module.default());
  return runtime;
}

export function discardGlpkRuntime(): void {
  runtime = undefined;
}
