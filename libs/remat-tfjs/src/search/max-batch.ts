import type * as tfl from '@tensorflow/tfjs-layers';
import { toTopoGraph } from '@strata/graph';
import { planRemat, type PlannerId, type PlannerOptions } from '@strata/remat';
import { importTrainingGraph } from '../import/training-graph.js';

export interface MaxBatchOptions extends PlannerOptions {
  /** Activation budget in bytes. */
  budgetBytes: number;
  /** Largest batch tried (default 65536). */
  limit?: number;
  onTry?: (solver: PlannerId, batch: number, feasible: boolean) => void;
}

/**
 * The largest batch whose training graph `solver` plans within the budget (the Checkmate paper's
 * maximum-batch experiment): doubling until a batch does not fit, then bisection. Graphs are
 * FLOP-costed, so the answer does not depend on this machine's speed. 0 when batch 1 does not fit.
 */
export async function maxBatch(
  model: tfl.LayersModel,
  solver: PlannerId,
  options: MaxBatchOptions,
): Promise<number> {
  const { budgetBytes, limit = 65_536, onTry, ...plannerOptions } = options;
  const fits = async (batch: number) => {
    const { graph } = importTrainingGraph(model, { batch });
    const plan = await planRemat(toTopoGraph(graph), {
      ...plannerOptions,
      budget: budgetBytes,
      solver,
    });
    onTry?.(solver, batch, plan.feasible);
    return plan.feasible;
  };
  return largestFitting(fits, limit);
}

/** The largest batch in 1..limit for which `fits` holds (doubling, then bisection); 0 if none. */
export async function largestFitting(
  fits: (batch: number) => Promise<boolean>,
  limit = 65_536,
): Promise<number> {
  if (!(await fits(1))) return 0;
  let good = 1;
  let bad = 0;
  while (bad === 0) {
    const next = Math.min(limit, good * 2);
    if (next === good) return good;
    if (await fits(next)) good = next;
    else bad = next;
  }
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (await fits(mid)) good = mid;
    else bad = mid;
  }
  return good;
}
