import type { TopoGraph } from '@strata/graph';

/**
 * One stage of the plan-types.ts memory model on bitmasks (bit i = node i), for exhaustive search
 * on graphs of at most 31 nodes (bit 30 is the last positive int32 bit). It follows the same rules as the simulator: entering memory Σ S·M;
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

export const MAX_ORACLE_NODES = 31;

export function stageEvaluator(topo: TopoGraph): StageEvaluator {
  const n = topo.size;
  if (n > MAX_ORACLE_NODES)
    throw new Error(`exact oracle: ${n} nodes, at most ${MAX_ORACLE_NODES} supported`);
  const predMask = new Int32Array(n);
  const laterConsumers: number[][] = []; // laterConsumers[k][p] = mask of consumers of preds[k][p] after k
  for (let k = 0; k < n; k++) {
    const preds = topo.preds[k] as readonly number[];
    laterConsumers.push(
      preds.map((i) => {
        let mask = 0;
        for (const j of topo.succs[i] as readonly number[]) if (j > k) mask |= 1 << j;
        return mask;
      }),
    );
    for (const i of preds) predMask[k] = (predMask[k] as number) | (1 << i);
  }
  const bytes = topo.outputBytes;
  const copies = new Int32Array(n);
  return {
    peak(entering, computed, retainedNext, limit = Infinity) {
      let memory = 0;
      for (let i = 0; i < n; i++) {
        copies[i] = (entering >>> i) & 1;
        if (copies[i]) memory += bytes[i] as number;
      }
      let peak = memory;
      for (let k = 0; k < n; k++) {
        if (!((computed >>> k) & 1)) continue;
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
          if ((retainedNext >>> i) & 1 || (computed & (later[p] as number)) !== 0) continue;
          copies[i] = (copies[i] as number) - 1;
          memory -= bytes[i] as number;
        }
      }
      return peak;
    },
    cost(computed) {
      let total = 0;
      for (let k = 0; k < n; k++) if ((computed >>> k) & 1) total += topo.cost[k] as number;
      return total;
    },
  };
}
