import type { BackendName, SolveResult, SolveStatus } from './types.js';

/** |objective − bound| / max(|objective|, 1e-10), or null when either is missing or infinite. */
export function relativeGap(objective: number | null, bound: number | null): number | null {
  if (objective === null || bound === null || !Number.isFinite(objective) || !Number.isFinite(bound)) return null;
  return Math.abs(objective - bound) / Math.max(Math.abs(objective), 1e-10);
}

/** A result that carries no solution (infeasible, unbounded, time limit without incumbent, error). */
export function resultWithoutSolution(
  backend: BackendName,
  status: SolveStatus,
  timing: { buildSeconds: number; solveSeconds: number },
  extra: { bound?: number | null; message?: string } = {},
): SolveResult {
  const result: SolveResult = {
    status,
    backend,
    objective: null,
    bound: extra.bound ?? null,
    gap: null,
    values: null,
    buildSeconds: timing.buildSeconds,
    solveSeconds: timing.solveSeconds,
  };
  if (extra.message !== undefined) result.message = extra.message;
  return result;
}

export function secondsSince(startMs: number): number {
  return (performance.now() - startMs) / 1000;
}
