/** Solver-neutral result and option types shared by every backend (the contract planners code against). */
export type VariableType = 'continuous' | 'binary' | 'integer';
export type ConstraintSense = '<=' | '>=' | '=';
export type ObjectiveSense = 'minimize' | 'maximize';

/**
 * - optimal: proven optimal (within the requested relative gap).
 * - feasible: a solution exists but optimality is not proven (stopped by the time limit with an incumbent).
 * - infeasible / unbounded: proven.
 * - time_limit: the time limit ran out before any feasible solution was found.
 * - error: the backend failed; `message` says why.
 */
export type SolveStatus = 'optimal' | 'feasible' | 'infeasible' | 'unbounded' | 'time_limit' | 'error';

export type BackendName = 'highs' | 'glpk';

export type LpMethod = 'simplex' | 'ipm' | 'ipm-no-crossover';

export interface SolveOptions {
  /** Backend to use; default: the first available in priority order (HiGHS, then GLPK). */
  backend?: BackendName;
  /** Wall-clock limit for the backend's solve, in seconds. */
  timeLimitSeconds?: number;
  /** Relative MIP gap at which a MILP counts as solved (default 1e-4, as HiGHS and Gurobi). */
  mipRelGap?: number;
  /** Solve the LP relaxation: integrality dropped, binaries become [0, 1]. */
  relax?: boolean;
  /**
   * How HiGHS solves an LP (a relaxation or a model without integers; ignored for a MILP). 'simplex' (default) ends
   * at a vertex; 'ipm' is interior point with crossover to a vertex; 'ipm-no-crossover' stops at the
   * interior-point optimum (a point that may lie inside an optimal face), which on LPs of ~10^5 rows
   * is several times faster. GLPK ignores it (always simplex).
   */
  lpMethod?: LpMethod;
  /**
   * Run HiGHS's presolve (default true). It does not stop at the time limit, so on large models a
   * caller with a tight limit can turn it off. GLPK always presolves (its MIP needs it in glpk.js).
   */
  presolve?: boolean;
  /** Let the backend log to stderr. */
  verbose?: boolean;
  /**
   * A full assignment (one value per variable, by index) to start from: HiGHS takes it as a MIP
   * start, so a feasible one is an incumbent from the first node and a time-limited solve returns it
   * or better. GLPK (glpk.js) has no MIP-start input and ignores it; its result message says so.
   */
  initialSolution?: Float64Array;
}

export interface SolveResult {
  status: SolveStatus;
  backend: BackendName;
  /** Objective of the returned solution (null without one), in the model's own sense and units. */
  objective: number | null;
  /**
   * Best proven bound on the optimum (null when the backend cannot tell). LP optimum: the objective.
   * HiGHS MILP: its final dual bound. GLPK MILP: the objective when optimal with mipRelGap 0, null
   * when optimal within a positive gap (GLPK does not expose its bound), and the LP relaxation
   * optimum (solved separately, a valid but weaker bound) when stopped with an incumbent.
   */
  bound: number | null;
  /**
   * Relative gap |objective − bound| / max(|objective|, 1e-10); null without a solution or bound.
   * For 'optimal' it is at most mipRelGap (0 for LPs).
   */
  gap: number | null;
  /** Value of every variable, by variable index (null without a solution). */
  values: Float64Array | null;
  /** Seconds spent turning the model into the backend's input and loading it into the backend. */
  buildSeconds: number;
  /** Seconds spent solving inside the backend (including any re-solve needed to classify the outcome). */
  solveSeconds: number;
  message?: string;
}
