import type { TopoGraph } from '@strata/graph';
import { and, bit, has, membersInto, or, sumOver } from './mask.js';

/**
 * One stage of the plan-types.ts memory model on bitmasks (bit i = node i, mask.ts), for exact
 * search on small graphs. It follows the same rules as the simulator: entering memory Σ S·M;
 * for each computed k ascending, every input must be resident, memory += M_k (a U point), then each
 * input i is released when i is not retained into the next stage and no later consumer j > k of i
 * is computed in this stage. Values are counted with multiplicity (retained and recomputed = twice).
 */
export interface StageEvaluator {
  /**
   * Peak bytes over the stage (entering memory and every U point), or −1 when an input is missing.
   * Stops early, returning a value above `limit`, once memory exceeds `limit`.
   */
  peak(entering: number, computed: number, retainedNext: number, limit?: number): number;
  /** Cost of computing a set of nodes. */
  cost(computed: number): number;
}

/**
 * The search keys a state by stage · 2^n + resident mask, which must stay a safe integer:
 * (n + 1) · 2^n < 2^53 holds up to n = 47.
 */
export const MAX_ORACLE_NODES = 47;

export function stageEvaluator(topo: TopoGraph): StageEvaluator {
  const n = topo.size;
  if (n > MAX_ORACLE_NODES)
    throw new Error(
      `exact oracle: ${n} nodes, at most ${MAX_ORACLE_NODES} supported: check larger graphs with the MILP alone`,
    );
  const laterConsumers: number[][] = []; // laterConsumers[k][p] = mask of consumers of preds[k][p] after k
  for (let k = 0; k < n; k++) {
    const preds = topo.preds[k] as readonly number[];
    laterConsumers.push(
      preds.map((i) => {
        let mask = 0;
        for (const j of topo.succs[i] as readonly number[]) if (j > k) mask = or(mask, bit(j));
        return mask;
      }),
    );
  }
  const bytes = topo.outputBytes;
  const copies = new Int32Array(n);
  const members = new Int32Array(n);
  return {
    peak(entering, computed, retainedNext, limit = Infinity) {
      copies.fill(0);
      let memory = 0;
      for (let m = 0, count = membersInto(entering, members); m < count; m++) {
        const i = members[m] as number;
        copies[i] = 1;
        memory += bytes[i] as number;
      }
      let peak = memory;
      for (let m = 0, count = membersInto(computed, members); m < count; m++) {
        const k = members[m] as number;
        const preds = topo.preds[k] as readonly number[];
        for (const i of preds) if (copies[i] === 0) return -1;
        copies[k] = (copies[k] as number) + 1;
        memory += bytes[k] as number;
        if (memory > peak) {
          peak = memory;
          if (peak > limit) return peak;
        }
        const later = laterConsumers[k] as number[];
        for (let p = 0; p < preds.length; p++) {
          const i = preds[p] as number;
          if (has(retainedNext, i) || and(computed, later[p] as number) !== 0) continue;
          copies[i] = (copies[i] as number) - 1;
          memory -= bytes[i] as number;
        }
      }
      return peak;
    },
    cost(computed) {
      return sumOver(computed, topo.cost);
    },
  };
}
