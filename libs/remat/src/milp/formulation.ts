import type { TopoGraph } from '@strata/graph';
import { Model } from '@strata/solver';
import type { StagePlan } from '../plan-types.js';
import { commonScale, conditioningShift, scaledBudget, type Scale } from './scale.js';

export interface CheckmateMilpOptions {
  /** Build the LP relaxation: R, S and FREE continuous in [0, 1] (Checkmate's `integral=False`). */
  relax?: boolean;
}

/** Fractional stage matrices read from an LP solution (for rounding). */
export interface FractionalPlan {
  readonly R: readonly Float64Array[];
  readonly S: readonly Float64Array[];
}

export interface CheckmateMilp {
  readonly model: Model;
  readonly size: number;
  /** Memory gcd, cost gcd (cost units per model unit), bytes per model unit (gcd · 2^shift), budget in model units. */
  readonly memoryScale: Scale;
  readonly bytesPerUnit: number;
  readonly costScale: Scale;
  readonly scaledBudget: number;
  /** Variable index of R[t][i] / S[t][i] (−1 where the stage partition fixes the entry to 0). */
  rIndex(t: number, i: number): number;
  sIndex(t: number, i: number): number;
  /** Rounds R and S at 0.5 (meant for an integral solution). */
  decode(values: ArrayLike<number>): StagePlan;
  /** R and S as solved (for LP rounding). */
  fractional(values: ArrayLike<number>): FractionalPlan;
  /**
   * The model assignment a stage plan implies: its R and S, FREE from the hazard count, U from the
   * recurrence (in model units). Feasible exactly when the plan is valid and fits the budget.
   */
  encode(plan: StagePlan): Float64Array;
  /** A model objective value (or bound) in the graph's compute-cost units. */
  toCost(objective: number): number;
}

/**
 * Checkmate's MILP (paper §4, `gurobi_solver.py` ILPSolverGurobi with FULL_SCHEDULE), stated exactly:
 *
 * - Frontier-advancing partition: R[t,t] = 1, R[t,i] = 0 for i > t, S[t,i] = 0 for i ≥ t.
 * - S[t+1,i] ≤ S[t,i] + R[t,i]; R[t,k] ≤ R[t,i] + S[t,i] for every edge (i,k).
 * - FREE[t,(i,k)] through the hazard count h = 1 − R[t,k] + S[t+1,i] + Σ_{j∈succ(i), j>k} R[t,j]
 *   (no S term in the last stage): 1 − FREE ≤ h and κ·(1 − FREE) ≥ h with κ = 2 + |{j∈succ(i): j>k}|
 *   (1 + … in the last stage).
 * - U[t,0] = M_0·R[t,0] + Σ_i M_i·S[t,i]; U[t,k+1] = U[t,k] + M_{k+1}·R[t,k+1] − Σ_{(i,k)∈E} M_i·FREE[t,(i,k)];
 *   0 ≤ U ≤ budget. No fixed term is added: like gurobi_solver.py, the budget covers activations only.
 * - Minimise Σ_t Σ_i C_i·R[t,i].
 *
 * Entries the partition fixes are not created as variables (R[t,t] is a variable with bounds [1, 1]);
 * nor are U[t,k] and FREE[t,(i,k)] for k > t, which the constraints pin to U[t,t] and 0. Presolve
 * removes exactly these from Checkmate's model, so the feasible set and optimum are the same, and a
 * 1000-node graph needs half the variables. Memory and cost are divided by their gcds, memory then
 * by a power of two for conditioning (see scale.ts).
 * Checkmate's optional ε-noise on costs is not applied: the objective is exactly Σ C_i·R[t,i].
 */
export function buildCheckmateMilp(
  topo: TopoGraph,
  budgetBytes: number,
  options: CheckmateMilpOptions = {},
): CheckmateMilp {
  if (!(budgetBytes >= 0) || !Number.isFinite(budgetBytes)) {
    throw new Error(
      `buildCheckmateMilp: budget ${budgetBytes} must be a finite number of bytes ≥ 0`,
    );
  }
  const T = topo.size;
  const binary = options.relax ? 'continuous' : 'binary';
  const memoryScale = commonScale(topo.outputBytes);
  const costScale = commonScale(topo.cost);
  let largest = 0;
  for (const bytes of topo.outputBytes) largest = Math.max(largest, bytes / memoryScale.divisor);
  const shift = conditioningShift(largest);
  const budget = scaledBudget(budgetBytes, memoryScale, shift);
  const M = Float64Array.from(topo.outputBytes, (m) => m / memoryScale.divisor / 2 ** shift);
  const C = Float64Array.from(topo.cost, (c) => c / costScale.divisor);

  // Edges are sorted by target, so the edges with target ≤ t are a prefix: edgesUpTo[t] of them.
  const edges = topo.edges;
  const edgesUpTo = new Int32Array(T);
  for (let e = 0, t = 0; t < T; t++) {
    while (e < edges.length && (edges[e] as readonly [number, number])[1] <= t) e++;
    edgesUpTo[t] = e;
  }
  // Inputs of each node as edge indices (for the memory recurrence), and later consumers per edge.
  const inEdges: number[][] = Array.from({ length: T }, () => []);
  edges.forEach(([, k], e) => (inEdges[k] as number[]).push(e));
  const laterConsumers = edges.map(([i, k]) =>
    (topo.succs[i] as readonly number[]).filter((j) => j > k),
  );

  const model = new Model({
    name: `checkmate_${topo.graph.name}_${budgetBytes}`,
    sense: 'minimize',
  });
  const rBase = new Int32Array(T);
  const sBase = new Int32Array(T);
  const uBase = new Int32Array(T);
  const freeBase = new Int32Array(T);
  for (let t = 0; t < T; t++) {
    rBase[t] = model.numVariables;
    for (let i = 0; i <= t; i++) {
      model.addVariable({ type: binary, lb: i === t ? 1 : 0, ub: 1, objective: C[i] as number });
    }
    sBase[t] = model.addVariables(t, { type: binary, lb: 0, ub: 1 });
    uBase[t] = model.addVariables(t + 1, { type: 'continuous', lb: 0, ub: budget });
    freeBase[t] = model.addVariables(edgesUpTo[t] as number, { type: binary, lb: 0, ub: 1 });
  }
  const r = (t: number, i: number): number => (rBase[t] as number) + i;
  const s = (t: number, i: number): number => (sBase[t] as number) + i;
  const u = (t: number, k: number): number => (uBase[t] as number) + k;
  const free = (t: number, e: number): number => (freeBase[t] as number) + e;

  for (let t = 0; t < T; t++) {
    const last = t + 1 === T;
    // Checkpoints must have been resident or computed in the previous stage.
    if (!last) {
      for (let i = 0; i <= t; i++) {
        if (i < t) model.addConstraint([s(t + 1, i), s(t, i), r(t, i)], [1, -1, -1], '<=', 0);
        else model.addConstraint([s(t + 1, i), r(t, i)], [1, -1], '<=', 0);
      }
    }
    for (let e = 0; e < (edgesUpTo[t] as number); e++) {
      const [i, k] = edges[e] as readonly [number, number];
      // Every input of a computed node is computed or resident in the same stage.
      model.addConstraint([r(t, k), r(t, i), s(t, i)], [1, -1, -1], '<=', 0);
      // Hazards: h = 1 − R[t,k] + S[t+1,i] + Σ R[t,j] (j ∈ succ(i), j > k; those beyond t are 0).
      const later = laterConsumers[e] as number[];
      const vars = [free(t, e), r(t, k)];
      const hazardCoefs = [0, 1]; // −h + 1 over the variables, FREE's coefficient filled below
      if (!last) {
        vars.push(s(t + 1, i));
        hazardCoefs.push(-1);
      }
      for (const j of later) {
        if (j > t) break;
        vars.push(r(t, j));
        hazardCoefs.push(-1);
      }
      const kappa = (last ? 1 : 2) + later.length;
      // 1 − FREE ≤ h  ⇔  −FREE + R[t,k] − S[t+1,i] − Σ R[t,j] ≤ 0
      hazardCoefs[0] = -1;
      model.addConstraint(vars, hazardCoefs, '<=', 0);
      // κ(1 − FREE) ≥ h  ⇔  −κ·FREE + R[t,k] − S[t+1,i] − Σ R[t,j] ≥ 1 − κ
      hazardCoefs[0] = -kappa;
      model.addConstraint(vars, hazardCoefs, '>=', 1 - kappa);
    }
    // Memory entering the stage plus node 0 if computed.
    const initVars = [u(t, 0), r(t, 0)];
    const initCoefs = [1, -(M[0] as number)];
    for (let i = 0; i < t; i++) {
      initVars.push(s(t, i));
      initCoefs.push(-(M[i] as number));
    }
    model.addConstraint(initVars, initCoefs, '=', 0);
    // Recurrence: add k+1 when computed, release inputs of k whose FREE is set.
    for (let k = 0; k < t; k++) {
      const vars = [u(t, k + 1), u(t, k), r(t, k + 1)];
      const coefs = [1, -1, -(M[k + 1] as number)];
      for (const e of inEdges[k] as number[]) {
        vars.push(free(t, e));
        coefs.push(M[(edges[e] as readonly [number, number])[0]] as number);
      }
      model.addConstraint(vars, coefs, '=', 0);
    }
  }

  const rIndex = (t: number, i: number): number => (i <= t ? r(t, i) : -1);
  const sIndex = (t: number, i: number): number => (i < t ? s(t, i) : -1);
  const readMatrices = <A extends Uint8Array | Float64Array>(
    values: ArrayLike<number>,
    make: (n: number) => A,
    read: (v: number) => number,
  ): { R: A[]; S: A[] } => {
    if (values.length < model.numVariables) {
      throw new Error(
        `decode: ${values.length} values for a model of ${model.numVariables} variables`,
      );
    }
    const R: A[] = [];
    const S: A[] = [];
    for (let t = 0; t < T; t++) {
      const rowR = make(T);
      const rowS = make(T);
      for (let i = 0; i <= t; i++) rowR[i] = read(values[r(t, i)] as number);
      for (let i = 0; i < t; i++) rowS[i] = read(values[s(t, i)] as number);
      R.push(rowR);
      S.push(rowS);
    }
    return { R, S };
  };

  const encode = (plan: StagePlan): Float64Array => {
    const values = new Float64Array(model.numVariables);
    for (let t = 0; t < T; t++) {
      const R = plan.R[t] as Uint8Array;
      const S = plan.S[t] as Uint8Array;
      const nextS = t + 1 < T ? (plan.S[t + 1] as Uint8Array) : null;
      for (let i = 0; i <= t; i++) values[r(t, i)] = R[i] as number;
      for (let i = 0; i < t; i++) values[s(t, i)] = S[i] as number;
      for (let e = 0; e < (edgesUpTo[t] as number); e++) {
        const [i, k] = edges[e] as readonly [number, number];
        let hazards = 1 - (R[k] as number) + (nextS === null ? 0 : (nextS[i] as number));
        for (const j of laterConsumers[e] as number[]) if (j <= t) hazards += R[j] as number;
        values[free(t, e)] = hazards === 0 ? 1 : 0;
      }
      let memory = (M[0] as number) * (R[0] as number);
      for (let i = 0; i < t; i++) memory += (M[i] as number) * (S[i] as number);
      values[u(t, 0)] = memory;
      for (let k = 0; k < t; k++) {
        memory += (M[k + 1] as number) * (R[k + 1] as number);
        for (const e of inEdges[k] as number[]) {
          memory -=
            (M[(edges[e] as readonly [number, number])[0]] as number) *
            (values[free(t, e)] as number);
        }
        values[u(t, k + 1)] = memory;
      }
    }
    return values;
  };

  return {
    model,
    size: T,
    encode,
    memoryScale,
    bytesPerUnit: memoryScale.divisor * 2 ** shift,
    costScale,
    scaledBudget: budget,
    rIndex,
    sIndex,
    decode: (values) =>
      readMatrices(
        values,
        (n) => new Uint8Array(n),
        (v) => (v > 0.5 ? 1 : 0),
      ),
    fractional: (values) =>
      readMatrices(
        values,
        (n) => new Float64Array(n),
        (v) => Math.min(1, Math.max(0, v)),
      ),
    toCost: (objective) => objective * costScale.divisor,
  };
}
