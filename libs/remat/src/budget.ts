import type { TopoGraph } from '@strata/graph';
import { parseSize, UsageError } from '@strata/cli';
import { checkpointAllPlan } from './baselines/checkpoint-all.js';
import { simulate } from './simulator/index.js';

/**
 * Budgets are bytes of activation memory at the MILP's U points (the simulator's peak). Like
 * Checkmate's gurobi_solver.py, parameters and their gradients are not part of the budget: the ILP
 * constrains U alone, and Checkmate adds 2 × parameter bytes only when it reports total RAM.
 */

/** The simulator's peak of the checkpoint-all plan (Checkmate's `solve_checkpoint_all`): 100% of a budget. */
export function noRematPeak(topo: TopoGraph): number {
  const result = simulate(topo, checkpointAllPlan(topo));
  if (!result.valid)
    throw new Error(`checkpoint-all plan is invalid: ${result.error ?? 'unknown'}`);
  return result.peakBytes;
}

const PERCENT = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/;

/**
 * `BYTES`, `SIZE` (12GB, 512MiB: parseSize's units) or `NN%` of the no-remat peak, to whole bytes.
 * Percentages round down, so `70%` never allows more than 70% of the peak.
 */
export function parseBudget(budget: number | string, noRematPeakBytes: number): number {
  if (typeof budget === 'number') {
    if (!Number.isFinite(budget) || budget < 0) {
      throw new UsageError(
        `budget ${budget} is not a byte count ≥ 0: give bytes, a size like 12GB, or NN%`,
      );
    }
    return Math.floor(budget);
  }
  const percent = PERCENT.exec(budget);
  if (percent) {
    const fraction = Number(percent[1]);
    if (!Number.isFinite(fraction)) {
      throw new UsageError(
        `budget '${budget}' is not a percentage: write NN% of the no-remat peak, like 70%`,
      );
    }
    return Math.floor((noRematPeakBytes * fraction) / 100);
  }
  if (budget.includes('%')) {
    throw new UsageError(
      `budget '${budget}' is not a percentage: write NN% of the no-remat peak, like 70%`,
    );
  }
  return parseSize(budget, 'budget');
}
