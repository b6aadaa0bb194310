import type { TopoGraph } from '@strata/graph';
import type { FractionalPlan } from '../milp/formulation.js';
import type { ScheduleOp, StagePlan } from '../plan-types.js';
import { simulate } from '../simulator/index.js';
import { solveROpt } from './r-opt.js';

export interface RepairedPlan {
  plan: StagePlan;
  cost: number;
  peakBytes: number;
}

interface Replayed extends RepairedPlan {
  /** First stage whose memory exceeds the budget (−1 when the plan fits) and that stage's peak. */
  overStage: number;
  overPeak: number;
}

/**
 * Makes a rounded S fit the budget by dropping checkpoints, least-believed first. While the
 * simulated plan is over budget, take the first stage over it; among the values that stage holds for
 * later (dropCandidates), in increasing order of the LP's S fraction, drop the first one whose
 * removal helps: the value stops being retained until its retention run ends, R is
 * re-derived by solve_r_opt (so it is recomputed where needed), and the over-budget stage moves later
 * or its peak falls. Of the first `lookahead` drops that help, the cheapest is kept (fcn_8_vgg at
 * 60%: overhead 1.065 taking the first, 1.002 of the first four; the MILP's best is 1.0017). Dropping a value can raise memory (its recomputation needs its own inputs), so
 * each drop is checked in the simulator before it is kept. Returns the first plan that fits, or null
 * when no drop helps (or after maxDrops drops).
 */
export function repairRounding(
  topo: TopoGraph,
  budgetBytes: number,
  fractional: FractionalPlan,
  rounded: readonly Uint8Array[],
  maxDrops = 4 * topo.size,
  lookahead = 4,
): RepairedPlan | null {
  let S: Uint8Array[] = rounded.map((row) => Uint8Array.from(row));
  let current = replay(topo, S, budgetBytes);
  for (let dropped = 0; current !== null && current.overStage >= 0; dropped++) {
    if (dropped >= maxDrops) return null;
    const stage = current.overStage;
    const drops = dropCandidates(topo, S, fractional, stage);
    let next: { S: Uint8Array[]; replayed: Replayed } | null = null;
    let tried = 0;
    for (const { value, from } of drops) {
      if (next !== null && tried >= lookahead) break;
      const candidate = S.map((row) => Uint8Array.from(row));
      for (let t = from; t < topo.size && (candidate[t] as Uint8Array)[value]; t++)
        (candidate[t] as Uint8Array)[value] = 0;
      const replayed = replay(topo, candidate, budgetBytes);
      if (replayed === null) continue;
      const helps =
        replayed.overStage < 0 ||
        replayed.overStage > stage ||
        (replayed.overStage === stage && replayed.overPeak < current.overPeak);
      if (!helps) continue;
      tried++;
      if (next === null || replayed.cost < next.replayed.cost) next = { S: candidate, replayed };
    }
    if (next === null) return null;
    S = next.S;
    current = next.replayed;
  }
  return current === null
    ? null
    : { plan: current.plan, cost: current.cost, peakBytes: current.peakBytes };
}

/**
 * What stage `stage` could stop holding: a value it retains (drop its run from this stage on), or
 * a value it computes only to hand on to the next stage (drop that run from the next stage on).
 * Least LP fraction first, then the larger value.
 */
function dropCandidates(
  topo: TopoGraph,
  S: readonly Uint8Array[],
  fractional: FractionalPlan,
  stage: number,
): { value: number; from: number; fraction: number }[] {
  const here = S[stage] as Uint8Array;
  const next = S[stage + 1];
  const candidates: { value: number; from: number; fraction: number }[] = [];
  for (let i = 0; i <= stage; i++) {
    if (here[i])
      candidates.push({
        value: i,
        from: stage,
        fraction: (fractional.S[stage] as Float64Array)[i] as number,
      });
    else if (next?.[i])
      candidates.push({
        value: i,
        from: stage + 1,
        fraction: (fractional.S[stage + 1] as Float64Array)[i] as number,
      });
  }
  return candidates.sort(
    (a, b) =>
      a.fraction - b.fraction ||
      (topo.outputBytes[b.value] as number) - (topo.outputBytes[a.value] as number),
  );
}

function replay(topo: TopoGraph, S: Uint8Array[], budgetBytes: number): Replayed | null {
  const plan: StagePlan = { R: solveROpt(topo, S), S };
  const result = simulate(topo, plan);
  if (!result.valid) return null; // solve_r_opt always yields a valid plan; be safe anyway
  const [overStage, overPeak] = firstStageOver(topo, S, result.ops, budgetBytes);
  return { plan, cost: result.cost, peakBytes: result.peakBytes, overStage, overPeak };
}

/**
 * The first stage whose memory (replayed from the simulator's op list: entering memory, +M at each
 * compute, −M at each free) exceeds the budget, with that stage's peak; [−1, 0] when none does.
 */
function firstStageOver(
  topo: TopoGraph,
  S: readonly Uint8Array[],
  ops: readonly ScheduleOp[],
  budgetBytes: number,
): [number, number] {
  let stage = -1;
  let memory = 0;
  let peak = 0;
  for (const op of ops) {
    if (op.stage !== stage) {
      if (peak > budgetBytes) return [stage, peak];
      stage = op.stage;
      memory = 0;
      const row = S[stage] as Uint8Array;
      for (let i = 0; i < stage; i++) if (row[i]) memory += topo.outputBytes[i] as number;
      peak = memory;
    }
    if (op.op === 'compute') {
      memory += topo.outputBytes[op.node] as number;
      peak = Math.max(peak, memory);
    } else memory -= topo.outputBytes[op.node] as number;
  }
  return peak > budgetBytes ? [stage, peak] : [-1, 0];
}
