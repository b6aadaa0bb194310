import { UsageError } from '@strata/cli';
import type { Model } from './model.js';
import type { BackendRegistry } from './registry.js';
import type { BackendName, SolveOptions, SolveResult } from './types.js';

/** Rejects options no backend could honour, with a one-line message naming the option. */
export function validateSolveOptions(options: SolveOptions): void {
  const { timeLimitSeconds, mipRelGap } = options;
  if (timeLimitSeconds !== undefined && !(timeLimitSeconds > 0)) {
    throw new UsageError(`solver time limit must be a positive number of seconds, got ${timeLimitSeconds}`);
  }
  if (mipRelGap !== undefined && !(mipRelGap >= 0 && mipRelGap < Infinity)) {
    throw new UsageError(`solver MIP gap must be a finite number ≥ 0, got ${mipRelGap}`);
  }
}

/** Solves `model` with the forced backend, or the first registered one that loads. */
export async function solveWith(registry: BackendRegistry, model: Model, options: SolveOptions = {}): Promise<SolveResult> {
  validateSolveOptions(options);
  if (!Number.isFinite(model.objectiveConstant)) {
    throw new Error(`model ${model.name}: objective constant ${model.objectiveConstant} is not finite`);
  }
  if (options.initialSolution !== undefined && options.initialSolution.length !== model.numVariables) {
    throw new UsageError(
      `initialSolution has ${options.initialSolution.length} values but model ${model.name} has ${model.numVariables} variables: pass one value per variable`,
    );
  }
  const { backend, skipped } = await registry.resolve(options.backend);
  const result = await backend.solve(model, options);
  if (skipped.length > 0) {
    result.message = [`${skipped.join('; ')}; used ${backend.name}`, result.message].filter(Boolean).join('; ');
  }
  return result;
}

export function availableBackendsIn(registry: BackendRegistry): Promise<BackendName[]> {
  return registry.available();
}
