import type { TopoGraph } from '@strata/graph';
import type { ScheduleOp, SimulationResult, StagePlan } from '../plan-types.js';

/**
 * Replays a stage plan under the memory semantics of plan-types.ts (Checkmate's U recurrence),
 * independently of any solver: it checks the frontier-advancing shape, that every input is resident
 * when used and that every retained value was resident in the stage before, and measures peak
 * memory at every U point and the total compute cost.
 *
 * Memory is tracked as multiplicities: a value retained in S[t] and recomputed in stage t counts
 * twice, exactly as the MILP's U counts it.
 */
export function simulate(topo: TopoGraph, plan: StagePlan): SimulationResult {
  const n = topo.size;
  const ops: ScheduleOp[] = [];
  const shapeError = checkShape(n, plan);
  if (shapeError !== null) return { valid: false, error: shapeError, peakBytes: 0, cost: 0, ops };

  const copies = new Int32Array(n);
  let peakBytes = 0;
  let cost = 0;
  for (let t = 0; t < n; t += 1) {
    const R = row(plan.R, t);
    const S = row(plan.S, t);
    const nextS = t + 1 < n ? row(plan.S, t + 1) : null;
    let memory = 0;
    copies.fill(0);
    for (let i = 0; i < n; i += 1) {
      if (S[i] === 1) {
        copies[i] = 1;
        memory += bytes(topo, i);
      }
    }
    if (nextS !== null) {
      for (let i = 0; i < n; i += 1) {
        if (nextS[i] === 1 && S[i] !== 1 && R[i] !== 1) {
          return invalid(
            `stage ${t + 1} retains node ${i}, which is neither retained nor computed in stage ${t}`,
            ops,
          );
        }
      }
    }
    peakBytes = Math.max(peakBytes, memory);
    for (let k = 0; k < n; k += 1) {
      if (R[k] !== 1) continue;
      for (const i of topo.preds[k] ?? []) {
        if ((copies[i] ?? 0) === 0) {
          return invalid(`stage ${t} computes node ${k} but its input ${i} is not resident`, ops);
        }
      }
      ops.push({ op: 'compute', node: k, stage: t });
      copies[k] = (copies[k] ?? 0) + 1;
      memory += bytes(topo, k);
      cost += topo.cost[k] ?? 0;
      peakBytes = Math.max(peakBytes, memory);
      for (const i of topo.preds[k] ?? []) {
        if (isFreedAfter(topo, R, nextS, i, k)) {
          ops.push({ op: 'free', node: i, stage: t });
          copies[i] = (copies[i] ?? 0) - 1;
          memory -= bytes(topo, i);
        }
      }
    }
    // Between stages, whatever is still resident and not retained in S[t+1] is dropped. These frees
    // happen after the last U point of the stage, so they never change the measured peak.
    for (let i = 0; i < n; i += 1) {
      const keep = nextS !== null && nextS[i] === 1 ? 1 : 0;
      for (let c = copies[i] ?? 0; c > keep; c -= 1) ops.push({ op: 'free', node: i, stage: t });
    }
  }
  return { valid: true, peakBytes, cost, ops };
}

/** FREE[t,(i,k)] = 1: k was computed, i is not retained into stage t+1, no later consumer of i runs in t. */
function isFreedAfter(
  topo: TopoGraph,
  R: Uint8Array,
  nextS: Uint8Array | null,
  i: number,
  k: number,
): boolean {
  if (nextS !== null && nextS[i] === 1) return false;
  for (const j of topo.succs[i] ?? []) {
    if (j > k && R[j] === 1) return false;
  }
  return true;
}

/** The partition constraints of the MILP: stage t computes node t and nothing after it, retains only earlier values. */
function checkShape(n: number, plan: StagePlan): string | null {
  if (plan.R.length !== n || plan.S.length !== n) {
    return `plan has ${plan.R.length}×${plan.S.length} stages, the graph needs ${n}`;
  }
  for (let t = 0; t < n; t += 1) {
    const R = row(plan.R, t);
    const S = row(plan.S, t);
    if (R.length !== n || S.length !== n)
      return `stage ${t} has rows of length ${R.length}/${S.length}, expected ${n}`;
    for (let i = 0; i < n; i += 1) {
      if ((R[i] ?? 0) > 1 || (S[i] ?? 0) > 1)
        return `stage ${t} has a non-binary entry for node ${i}`;
    }
    if (R[t] !== 1) return `stage ${t} does not compute node ${t} (R[t][t] must be 1)`;
    for (let i = t + 1; i < n; i += 1) {
      if (R[i] === 1) return `stage ${t} computes node ${i}, which is past its frontier`;
    }
    for (let i = t; i < n; i += 1) {
      if (S[i] === 1) return `stage ${t} retains node ${i}, which is not computed before it`;
    }
  }
  return null;
}

function row(matrix: readonly Uint8Array[], t: number): Uint8Array {
  const r = matrix[t];
  if (r === undefined) throw new RangeError(`stage ${t} missing`);
  return r;
}

function bytes(topo: TopoGraph, i: number): number {
  return topo.outputBytes[i] ?? 0;
}

function invalid(error: string, ops: ScheduleOp[]): SimulationResult {
  return { valid: false, error, peakBytes: 0, cost: 0, ops };
}
