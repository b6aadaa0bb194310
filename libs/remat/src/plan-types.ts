import type { TopoGraph } from '@strata/graph';
import type { BackendName } from '@strata/solver';

/**
 * A rematerialization plan in Checkmate's stage form. T = n stages (one per node, in topological
 * order); R[t][i] = 1 when node i is computed in stage t, S[t][i] = 1 when i's value is resident
 * entering stage t. Matrices are indexed by topological index (TopoGraph), never by node id.
 *
 * Memory semantics (the simulator and the MILP must agree exactly, as in Checkmate §4):
 * entering stage t the resident bytes are Σ_i S[t][i]·M_i. For k = 0..n−1 with R[t][k] = 1, in order:
 * every input i of k must be resident (S[t][i] = 1, or computed earlier in stage t and not freed);
 * memory += M_k and this is U[t][k], a point where memory is measured against the budget; then each
 * input i of k is freed (memory −= M_i) when FREE[t,(i,k)] = 1, i.e. i is not in S[t+1] (t+1 < T)
 * and no successor j > k of i is computed in stage t.
 */
export interface StagePlan {
  readonly R: readonly Uint8Array[];
  readonly S: readonly Uint8Array[];
}

export type ScheduleOp =
  | { readonly op: 'compute'; readonly node: number; readonly stage: number }
  | { readonly op: 'free'; readonly node: number; readonly stage: number };

export interface SimulationResult {
  /** False when an input was not resident when used (then `error` names the stage and nodes). */
  readonly valid: boolean;
  readonly error?: string;
  /** Peak over every measured point U[t][k], in bytes (the graph's own units). */
  readonly peakBytes: number;
  /** Σ over computed (t, i) of C_i, in the graph's own compute-cost units. */
  readonly cost: number;
  readonly ops: readonly ScheduleOp[];
}

export type PlannerId =
  | 'milp'
  | 'lp-round'
  | 'chen-sqrtn'
  | 'chen-greedy'
  | 'revolve'
  | 'checkpoint-all'
  | 'checkpoint-last'
  | 'greedy-remat';

export interface PlannerOptions {
  backend?: BackendName;
  timeLimitSeconds?: number;
  mipRelGap?: number;
  verbose?: boolean;
  /** Seed for randomized steps (LP rounding). */
  seed?: number;
}

/** What a planner returns before the simulator checks it. A planner never claims memory figures. */
export interface PlannerOutput {
  readonly solver: PlannerId;
  /** The plan, or null when the planner found none (budget too small, time limit without incumbent). */
  readonly plan: StagePlan | null;
  /** Proven optimal for this budget (MILP solved to its gap); false for heuristics. */
  readonly optimal: boolean;
  /** Solver status in words (e.g. 'optimal', 'feasible', 'infeasible', 'time_limit', 'heuristic'). */
  readonly status: string;
  /** Relative MIP gap when a MILP was solved (null otherwise). */
  readonly gap: number | null;
  /** Lower bound on the cost at this budget, when known (MILP bound, LP relaxation). */
  readonly lowerBound: number | null;
  readonly solveSeconds: number;
  readonly backend?: BackendName;
  /** What ran and how long each step took, in words (e.g. the MILP's heuristic, build and solve). */
  readonly detail?: string;
}

export type Planner = (
  graph: TopoGraph,
  budgetBytes: number,
  options: PlannerOptions,
) => Promise<PlannerOutput>;
