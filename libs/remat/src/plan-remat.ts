import { FailureError, UsageError } from '@strata/cli';
import { toTopoGraph, totalComputeCost, type Graph, type TopoGraph } from '@strata/graph';
import type { BackendName } from '@strata/solver';
import { noRematPeak, parseBudget } from './budget.js';
import { getPlanner } from './planners/registry.js';
import type { PlannerId, PlannerOptions, ScheduleOp, StagePlan } from './plan-types.js';
import { simulate } from './simulator/index.js';

export interface PlanRematOptions extends PlannerOptions {
  /** Bytes, a size such as `12GB`, or `NN%` of the no-remat peak. */
  budget: number | string;
  solver: PlannerId;
}

/**
 * A plan as the CLI prints it with --json (these names are a contract: tools read them).
 * Memory figures come from the simulator, never from the planner. Without a plan (feasible false)
 * cost, overhead and peakBytes are null and the schedule is empty.
 */
export interface Plan {
  solver: PlannerId;
  backend: BackendName | null;
  feasible: boolean;
  optimal: boolean;
  status: string;
  /** Σ C_i over every computation in the schedule, in the graph's own cost units. */
  cost: number | null;
  /** Σ C_i: one forward and backward pass without recomputation. */
  baselineCost: number;
  /** cost / baselineCost. */
  overhead: number | null;
  peakBytes: number | null;
  budgetBytes: number;
  noRematPeakBytes: number;
  gap: number | null;
  lowerBound: number | null;
  solveSeconds: number;
  /** What the planner ran, when it says (the MILP: heuristic, model build, solve). */
  detail?: string;
  /** Original node ids in topological order: `schedule` and `stages` use topological indices. */
  order: number[];
  schedule: ScheduleOp[];
  /** Per stage t, the nodes computed (R) and the values resident entering it (S), as index lists. */
  stages: { R: number[][]; S: number[][] } | null;
}

function isTopoGraph(graph: Graph | TopoGraph): graph is TopoGraph {
  return 'preds' in graph && 'indexOf' in graph;
}

/**
 * Plans rematerialization for one budget with one planner. Every plan is replayed by the simulator:
 * an invalid plan or one over the budget is a bug (FailureError), never a result; `feasible` is false
 * only when the planner found no plan.
 */
export async function planRemat(
  graph: Graph | TopoGraph,
  options: PlanRematOptions,
): Promise<Plan> {
  const topo = isTopoGraph(graph) ? graph : toTopoGraph(graph);
  if (topo.size === 0)
    throw new UsageError(`graph '${topo.graph.name}' has no nodes: nothing to plan`);
  const planner = getPlanner(options.solver);
  const limit = options.timeLimitSeconds;
  if (limit !== undefined && !(Number.isFinite(limit) && limit > 0)) {
    throw new UsageError(
      `time limit ${limit} is not a number of seconds > 0: give e.g. --time-limit 60`,
    );
  }
  const noRematPeakBytes = noRematPeak(topo);
  const budgetBytes = parseBudget(options.budget, noRematPeakBytes);
  const { budget: _budget, solver: _solver, ...plannerOptions } = options;
  const output = await planner(topo, budgetBytes, plannerOptions);
  const baselineCost = totalComputeCost(topo);
  const common = {
    solver: options.solver,
    backend: output.backend ?? null,
    optimal: output.optimal,
    status: output.status,
    baselineCost,
    budgetBytes,
    noRematPeakBytes,
    gap: output.gap,
    lowerBound: output.lowerBound,
    solveSeconds: output.solveSeconds,
    ...(output.detail !== undefined && { detail: output.detail }),
    order: topo.nodes.map((node) => node.id),
  };
  if (output.plan === null) {
    return {
      ...common,
      feasible: false,
      optimal: false,
      cost: null,
      overhead: null,
      peakBytes: null,
      schedule: [],
      stages: null,
    };
  }
  const result = simulate(topo, output.plan);
  if (!result.valid) {
    throw new FailureError(
      `${options.solver} returned an invalid plan (${result.error ?? 'unknown'}): this is a bug`,
    );
  }
  if (result.peakBytes > budgetBytes) {
    throw new FailureError(
      `${options.solver} returned a plan that needs ${result.peakBytes} bytes, over the budget of ${budgetBytes}: this is a bug`,
    );
  }
  return {
    ...common,
    feasible: true,
    cost: result.cost,
    overhead: baselineCost > 0 ? result.cost / baselineCost : 1,
    peakBytes: result.peakBytes,
    schedule: [...result.ops],
    stages: compactStages(output.plan),
  };
}

function compactStages(plan: StagePlan): { R: number[][]; S: number[][] } {
  const members = (row: Uint8Array) => {
    const list: number[] = [];
    row.forEach((value, i) => {
      if (value === 1) list.push(i);
    });
    return list;
  };
  return { R: plan.R.map(members), S: plan.S.map(members) };
}
