import type { TopoGraph } from '@strata/graph';
import type { StagePlan } from '../plan-types.js';

/**
 * Checkpoint matrix S with the least recomputation R for it (Checkmate's solve_r_opt rule), kept
 * up to date incrementally: each stage's peak memory and cost are those the simulator measures for
 * the same (R, S), so a heuristic can try a change to S and read its exact effect without replaying
 * the whole plan. Only stages whose R can change are re-evaluated; a value that is merely held longer
 * or shorter through a stage shifts that stage's peak by its size.
 */
export class StageState {
  readonly size: number;
  readonly S: Uint8Array[];
  readonly R: Uint8Array[];
  /** Bytes resident entering each stage (Σ_i S[t][i]·M_i). */
  readonly entering: Float64Array;
  /** Peak bytes and compute cost of each stage under its current R. */
  readonly peak: Float64Array;
  readonly cost: Float64Array;
  private readonly bytes: ArrayLike<number>;
  private readonly costs: ArrayLike<number>;

  constructor(
    private readonly topo: TopoGraph,
    S: readonly Uint8Array[],
  ) {
    const T = topo.size;
    this.size = T;
    this.bytes = topo.outputBytes;
    this.costs = topo.cost;
    this.S = S.map((row) => Uint8Array.from(row));
    this.R = Array.from({ length: T }, () => new Uint8Array(T));
    this.entering = new Float64Array(T);
    this.peak = new Float64Array(T);
    this.cost = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      const row = this.S[t] as Uint8Array;
      let held = 0;
      for (let i = 0; i < t; i++) if (row[i]) held += this.bytes[i] as number;
      this.entering[t] = held;
      this.evaluate(t);
    }
  }

  /** Highest stage peak and its stage (the first on ties). */
  peakStage(): { stage: number; bytes: number } {
    let stage = 0;
    for (let t = 1; t < this.size; t++)
      if ((this.peak[t] as number) > (this.peak[stage] as number)) stage = t;
    return { stage, bytes: this.peak[stage] as number };
  }

  totalCost(): number {
    let sum = 0;
    for (let t = 0; t < this.size; t++) sum += this.cost[t] as number;
    return sum;
  }

  plan(): StagePlan {
    return {
      R: this.R.map((row) => Uint8Array.from(row)),
      S: this.S.map((row) => Uint8Array.from(row)),
    };
  }

  /**
   * Sets S[t][i] = value for t in a+1..b (holding i from stage a into stage b, or not; the range must
   * be uniform, as whole gaps are) and brings R,
   * peaks and costs up to date. Returns the stages re-evaluated from scratch (every other stage in
   * a+1..b−1 had its peak moved by exactly M_i) and the change in total cost.
   */
  setHeld(i: number, a: number, b: number, value: 0 | 1): { stages: number[]; costDelta: number } {
    const m = this.bytes[i] as number;
    const succs = this.topo.succs[i] as readonly number[];
    const sign = value === 1 ? 1 : -1;
    const changed: number[] = [];
    let costDelta = 0;
    const reevaluate = (t: number): void => {
      costDelta -= this.cost[t] as number;
      this.evaluate(t);
      costDelta += this.cost[t] as number;
      changed.push(t);
    };
    // Gaps are held or dropped as a whole, so either every stage of this one changes or none does.
    if ((this.S[b] as Uint8Array)[i] === value) return { stages: changed, costDelta };
    for (let t = a + 1; t <= b; t++) {
      (this.S[t] as Uint8Array)[i] = value;
      this.entering[t] = (this.entering[t] as number) + sign * m;
    }
    reevaluate(a);
    for (let t = a + 1; t < b; t++) {
      const r = this.R[t] as Uint8Array;
      let consumes = false;
      for (const j of succs) {
        if (j > t) break;
        if (r[j]) {
          consumes = true;
          break;
        }
      }
      if (consumes) reevaluate(t);
      else {
        this.peak[t] = (this.peak[t] as number) + sign * m;
      }
    }
    if (b !== a) reevaluate(b);
    return { stages: changed, costDelta };
  }

  /**
   * R[t] from S[t] and S[t+1] (solveROpt's rule), then the stage's peak and cost replayed with the
   * simulator's memory semantics: +M_k at each computation, inputs freed after their last consumer
   * in the stage unless held into t+1.
   */
  evaluate(t: number): void {
    const preds = this.topo.preds;
    const succs = this.topo.succs;
    const st = this.S[t] as Uint8Array;
    const next = t + 1 < this.size ? (this.S[t + 1] as Uint8Array) : null;
    const rt = this.R[t] as Uint8Array;
    rt.fill(0, 0, t + 1);
    rt[t] = 1;
    if (next !== null) for (let i = 0; i < t; i++) if (next[i] && !st[i]) rt[i] = 1;
    for (let v = t; v >= 0; v--) {
      if (!rt[v]) continue;
      for (const u of preds[v] as readonly number[]) if (!st[u]) rt[u] = 1;
    }
    let memory = this.entering[t] as number;
    let peak = memory;
    let cost = 0;
    for (let k = 0; k <= t; k++) {
      if (!rt[k]) continue;
      memory += this.bytes[k] as number;
      cost += this.costs[k] as number;
      if (memory > peak) peak = memory;
      for (const i of preds[k] as readonly number[]) {
        if (next !== null && next[i]) continue;
        let later = false;
        for (const j of succs[i] as readonly number[]) {
          if (j > k && rt[j]) {
            later = true;
            break;
          }
        }
        if (!later) memory -= this.bytes[i] as number;
      }
    }
    this.peak[t] = peak;
    this.cost[t] = cost;
  }
}
