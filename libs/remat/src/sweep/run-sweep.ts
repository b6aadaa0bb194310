import type { TopoGraph } from '@strata/graph';
import { noRematPeak, parseBudget } from '../budget.js';
import { planRemat } from '../plan-remat.js';
import type { PlannerId, PlannerOptions } from '../plan-types.js';
import { getPlanner } from '../planners/registry.js';

export interface SweepOptions extends PlannerOptions {
  solvers: readonly PlannerId[];
  /** Budgets as planRemat takes them (bytes, sizes, NN%). */
  budgets: readonly (number | string)[];
  /** Called after every plan, for progress. */
  onPlan?: (row: SweepRow) => void;
}

/** One (solver, budget) point of a sweep: the plan's summary, without its schedule. */
export interface SweepRow {
  solver: PlannerId;
  budget: string;
  budgetBytes: number;
  /** budgetBytes as a percentage of the no-remat peak. */
  budgetPercent: number;
  feasible: boolean;
  optimal: boolean;
  status: string;
  cost: number | null;
  baselineCost: number;
  overhead: number | null;
  peakBytes: number | null;
  gap: number | null;
  solveSeconds: number;
  backend: string | null;
}

export interface SweepResult {
  graph: string;
  nodes: number;
  noRematPeakBytes: number;
  rows: SweepRow[];
}

/** Plans every solver at every budget. Inputs are all checked before the first plan runs. */
export async function runSweep(topo: TopoGraph, options: SweepOptions): Promise<SweepResult> {
  const { solvers, budgets, onPlan, ...plannerOptions } = options;
  for (const solver of solvers) getPlanner(solver);
  const noRematPeakBytes = noRematPeak(topo);
  for (const budget of budgets) parseBudget(budget, noRematPeakBytes);
  const rows: SweepRow[] = [];
  for (const solver of solvers) {
    for (const budget of budgets) {
      const plan = await planRemat(topo, { ...plannerOptions, budget, solver });
      const row: SweepRow = {
        solver,
        budget: String(budget),
        budgetBytes: plan.budgetBytes,
        budgetPercent: noRematPeakBytes > 0 ? (100 * plan.budgetBytes) / noRematPeakBytes : 0,
        feasible: plan.feasible,
        optimal: plan.optimal,
        status: plan.status,
        cost: plan.cost,
        baselineCost: plan.baselineCost,
        overhead: plan.overhead,
        peakBytes: plan.peakBytes,
        gap: plan.gap,
        solveSeconds: plan.solveSeconds,
        backend: plan.backend,
      };
      rows.push(row);
      onPlan?.(row);
    }
  }
  return { graph: topo.graph.name, nodes: topo.size, noRematPeakBytes, rows };
}
