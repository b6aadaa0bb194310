import type { TopoGraph } from '@strata/graph';
import { noRematPeak, planRemat, type PlannerId, type PlannerOptions } from '@strata/remat';

/** No schedule fits below this: computing node k needs its inputs and its output at once. */
export function operationLowerBound(topo: TopoGraph): number {
  let most = 0;
  for (let k = 0; k < topo.size; k += 1) {
    const inputs = (topo.preds[k] ?? []).reduce((sum, i) => sum + (topo.outputBytes[i] ?? 0), 0);
    most = Math.max(most, inputs + (topo.outputBytes[k] ?? 0));
  }
  return most;
}

/** Planners that are quick at any budget: the default set for "the smallest budget any solver fits". */
export const QUICK_SOLVERS: readonly PlannerId[] = [
  'checkpoint-all',
  'chen-sqrtn',
  'chen-greedy',
  'greedy-remat',
];

async function fits(
  topo: TopoGraph,
  solver: PlannerId,
  budget: number,
  options: PlannerOptions,
): Promise<boolean> {
  return (await planRemat(topo, { ...options, budget, solver })).feasible;
}

/**
 * The smallest budget (bytes, to within `resolution` of the no-remat peak) at which `solver` finds
 * a plan, by bisection between the operation lower bound and the no-remat peak. Null when it fits
 * no budget up to the no-remat peak (e.g. revolve on a graph that is not a chain).
 */
export async function smallestBudget(
  topo: TopoGraph,
  solver: PlannerId,
  options: PlannerOptions = {},
  resolution = 0.005,
): Promise<number | null> {
  const peak = noRematPeak(topo);
  if (!(await fits(topo, solver, peak, options))) return null;
  let lo = operationLowerBound(topo) - 1;
  let hi = peak;
  const step = Math.max(1, Math.floor(peak * resolution));
  while (hi - lo > step) {
    const mid = Math.floor((lo + hi) / 2);
    if (await fits(topo, solver, mid, options)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The smallest budget any of `solvers` fits, and which one. */
export async function smallestBudgetOfAny(
  topo: TopoGraph,
  solvers: readonly PlannerId[],
  options: PlannerOptions = {},
): Promise<{ solver: PlannerId; budgetBytes: number } | null> {
  let best: { solver: PlannerId; budgetBytes: number } | null = null;
  for (const solver of new Set(solvers)) {
    const budget = await smallestBudget(topo, solver, options);
    if (budget !== null && (best === null || budget < best.budgetBytes)) {
      best = { solver, budgetBytes: budget };
    }
  }
  return best;
}
