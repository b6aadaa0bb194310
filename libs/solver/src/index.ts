import { createGlpkBackend } from './backends/glpk/index.js';
import { createHighsBackend } from './backends/highs/index.js';
import type { Model } from './model.js';
import { BackendRegistry } from './registry.js';
import { availableBackendsIn, solveWith } from './solve.js';
import type { BackendName, SolveOptions, SolveResult } from './types.js';

export * from './base.js';

/** The process-wide registry: HiGHS first, then GLPK. */
export const backendRegistry = new BackendRegistry();
backendRegistry.register(createHighsBackend());
backendRegistry.register(createGlpkBackend());

/** Solves `model` with `options.backend`, or the first backend that loads (HiGHS, then GLPK). */
export function solve(model: Model, options: SolveOptions = {}): Promise<SolveResult> {
  return solveWith(backendRegistry, model, options);
}

/** Backends that load on this machine, in the order `solve` tries them. */
export function availableBackends(): Promise<BackendName[]> {
  return availableBackendsIn(backendRegistry);
}
