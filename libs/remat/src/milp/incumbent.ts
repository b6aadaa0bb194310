import { totalComputeCost, type TopoGraph } from '@strata/graph';
import type { StagePlan } from '../plan-types.js';
import { simulate } from '../simulator/index.js';

/**
 * Keep exactly the values a later stage still consumes and recompute nothing. Its cost, Σ C_i, is
 * the least any plan can cost (every stage computes its own node), so when it fits the budget it is
 * optimal: a proof that needs no solver, which is what makes very large graphs tractable.
 */
export function noRecomputePlan(topo: TopoGraph): StagePlan {
  const T = topo.size;
  const lastConsumer = new Int32Array(T).fill(-1);
  for (const [i, k] of topo.edges) lastConsumer[i] = Math.max(lastConsumer[i] as number, k);
  const S = Array.from({ length: T }, (_, t) =>
    Uint8Array.from({ length: T }, (_, i) => (i < t && (lastConsumer[i] as number) >= t ? 1 : 0)),
  );
  const R = Array.from({ length: T }, (_, t) => {
    const row = new Uint8Array(T);
    row[t] = 1;
    return row;
  });
  return { R, S };
}

export interface Incumbent {
  readonly plan: StagePlan;
  readonly cost: number;
  readonly peakBytes: number;
  /** Proven optimal: the cost meets the lower bound Σ C_i. */
  readonly optimal: boolean;
}

/** The no-recompute plan when the simulator fits it within the budget, else null. */
export function boundMeetingIncumbent(topo: TopoGraph, budgetBytes: number): Incumbent | null {
  const plan = noRecomputePlan(topo);
  const replay = simulate(topo, plan);
  if (!replay.valid)
    throw new Error(`no-recompute plan is invalid (${replay.error ?? 'unknown'}): this is a bug`);
  if (replay.peakBytes > budgetBytes) return null;
  return {
    plan,
    cost: replay.cost,
    peakBytes: replay.peakBytes,
    optimal: replay.cost <= totalComputeCost(topo),
  };
}

/**
 * Above this many variables the model is not built: a 1000-node graph gives ~4·10^6 variables and
 * 4.5·10^7 nonzeros (24 s to build), which takes longer to hand to a solver than any sensible time limit.
 */
export const MAX_MILP_VARIABLES = 1_500_000;

/** Variables the MILP for `topo` would have (R, S, U for i ≤ t and FREE per edge into k ≤ t), without building it. */
export function milpVariableCount(topo: TopoGraph): number {
  const T = topo.size;
  let frees = 0;
  for (const [, k] of topo.edges) frees += T - k;
  return (T * (T + 1)) / 2 + (T * (T - 1)) / 2 + (T * (T + 1)) / 2 + frees;
}
