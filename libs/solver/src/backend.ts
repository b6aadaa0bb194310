import type { Model } from './model.js';
import type { BackendName, SolveOptions, SolveResult } from './types.js';

/**
 * What a solver backend must provide (TF.js-style): a name, a priority (higher is tried first),
 * a load step that may fail (a missing or broken WASM binary), and a solve.
 */
export interface SolverBackend {
  readonly name: BackendName;
  readonly priority: number;
  /** Loads the backend once (later calls reuse the result); false when it cannot run here. */
  load(): Promise<boolean>;
  /** Why the last load failed, for the fall-back message. */
  loadError(): string | undefined;
  /** Solves `model`; the options are already validated. Never throws for solver outcomes. */
  solve(model: Model, options: SolveOptions): Promise<SolveResult>;
}
