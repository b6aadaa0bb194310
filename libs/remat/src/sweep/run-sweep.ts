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
  /**
   * Plans one point elsewhere (a job queue) instead of here; all points are then asked for at
   * once and the rows kept in the local run's order.
   */
  planPoint?: (solver: PlannerId, budget: number | string) => Promise<SweepRow>;
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

/** One (solver, budget) point of a sweep: the plan, summarised as a row. */
export async function planSweepPoint(
  topo: TopoGraph,
  solver: PlannerId,
  budget: number | string,
  plannerOptions: PlannerOptions,
): Promise<SweepRow> {
  const noRematPeakBytes = noRematPeak(topo);
  const plan = await planRemat(topo, { ...plannerOptions, budget, solver });
  return {
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
}

/** Plans every solver at every budget. Inputs are all checked before the first plan runs. */
export async function runSweep(topo: TopoGraph, options: SweepOptions): Promise<SweepResult> {
  const { solvers, budgets, onPlan, planPoint, ...plannerOptions } = options;
  for (const solver of solvers) getPlanner(solver);
  const noRematPeakBytes = noRematPeak(topo);
  for (const budget of budgets) parseBudget(budget, noRematPeakBytes);
  const points = solvers.flatMap((solver) => budgets.map((budget) => ({ solver, budget })));
  let rows: SweepRow[];
  if (planPoint) {
    rows = await Promise.all(
      points.map(async ({ solver, budget }) => {
        const row = await planPoint(solver, budget);
        onPlan?.(row);
        return row;
      }),
    );
  } else {
    rows = [];
    for (const { solver, budget } of points) {
      const row = await planSweepPoint(topo, solver, budget, plannerOptions);
      rows.push(row);
      onPlan?.(row);
    }
  }
  return { graph: topo.graph.name, nodes: topo.size, noRematPeakBytes, rows };
}
