import type { TopoGraph } from '@strata/graph';
import { noRecomputePlan } from '../milp/incumbent.js';
import type { StagePlan } from '../plan-types.js';
import { gapAt, type Gap } from './gaps.js';
import { StageState } from './stage-state.js';

/**
 * What a drop is worth per unit of added compute: 'peak' counts the bytes it takes off the peak
 * stage; 'excess' the bytes over budget it removes across all the stages of its gap. Neither wins
 * everywhere (VGG16 at 70%: 1.0197 vs 1.0077 = the MILP optimum; ResNet50 at 20%: 1.166 vs 1.179).
 */
export type DropScoring = 'peak' | 'excess';

export interface DropGreedyResult {
  readonly plan: StagePlan | null;
  /** 'fits': plan within budget; 'stuck': no drop lowers the peak stage; 'deadline': out of time. */
  readonly outcome: 'fits' | 'stuck' | 'deadline';
}

/**
 * Greedy gap dropping. Start from the no-recompute plan (every value held from its creation to its
 * last use). While the peak stage is over budget, drop the held gap through that stage with the
 * least added compute per byte it takes off that stage's peak (each candidate is tried exactly on
 * the incremental StageState, R from solve_r_opt's rule; `scoring` says how a drop is ranked). Then
 * add back dropped gaps that still fit and make the plan cheaper. No plan when no drop lowers the
 * peak stage any more, or `deadline` (a performance.now() time) passes.
 */
export function dropGreedyPlan(
  topo: TopoGraph,
  budgetBytes: number,
  scoring: DropScoring = 'peak',
  deadline = Infinity,
): DropGreedyResult {
  const state = new StageState(topo, noRecomputePlan(topo).S);
  const dropped: Gap[] = [];
  for (;;) {
    const top = state.peakStage();
    if (top.bytes <= budgetBytes) break;
    if (performance.now() > deadline) return { plan: null, outcome: 'deadline' };
    const choice = bestDrop(topo, state, top.stage, top.bytes, budgetBytes, scoring);
    if (choice === null) return { plan: null, outcome: 'stuck' };
    state.setHeld(choice.value, choice.from, choice.to, 0);
    dropped.push(choice);
  }
  addBack(state, dropped, budgetBytes, deadline);
  return { plan: state.plan(), outcome: 'fits' };
}

interface Trial {
  readonly gap: Gap;
  readonly addedCost: number;
  readonly relief: number;
  /** Bytes over budget removed, summed over the stages of the gap. */
  readonly excessRelief: number;
  /** Highest peak among the stages the drop re-evaluated. */
  readonly worst: number;
}

function bestDrop(
  topo: TopoGraph,
  state: StageState,
  stage: number,
  globalPeak: number,
  budgetBytes: number,
  scoring: DropScoring,
): Gap | null {
  const held = state.S[stage] as Uint8Array;
  const candidates: Gap[] = [];
  for (let i = 0; i < stage; i++) {
    if (!held[i] || !((topo.outputBytes[i] as number) > 0)) continue;
    const gap = gapAt(topo, i, stage);
    if (gap !== null) candidates.push(gap);
  }
  // Every candidate is tried exactly: ranking by an estimate (cost of i and its missing inputs per
  // byte) and trying 12 cost up to 2.3× the overhead on random_layered_n1000 at 25%, for ~2× the time.
  // A clean drop pushes no other stage above this stage's new peak (or the budget); a drop that makes
  // its end stage the new, unfixable peak (a long recomputation chain) is a last resort.
  const limitClean = (trial: Trial): boolean =>
    trial.worst <= Math.max(budgetBytes, globalPeak - trial.relief);
  const score = (trial: Trial): number =>
    scoring === 'excess'
      ? trial.addedCost / Math.max(trial.excessRelief, 1e-9)
      : trial.addedCost / trial.relief;
  const pick = (clean: boolean): Gap | null => {
    let best: Trial | null = null;
    for (const gap of candidates) {
      const trial = tryDrop(state, gap, stage, globalPeak, budgetBytes);
      if (trial === null || (clean && !limitClean(trial))) continue;
      if (best === null || score(trial) < score(best)) best = trial;
    }
    return best?.gap ?? null;
  };
  return pick(true) ?? pick(false);
}

/** Drops `gap`, measures, restores. Null when it does not lower `stage` or raises another stage past the peak. */
function tryDrop(
  state: StageState,
  gap: Gap,
  stage: number,
  globalPeak: number,
  budgetBytes: number,
): Trial | null {
  const before = state.peak[stage] as number;
  const excess = (): number => {
    let sum = 0;
    for (let t = gap.from; t <= gap.to; t++)
      sum += Math.max(0, (state.peak[t] as number) - budgetBytes);
    return sum;
  };
  const excessBefore = excess();
  const { stages, costDelta: addedCost } = state.setHeld(gap.value, gap.from, gap.to, 0);
  let worst = 0;
  for (const t of stages) worst = Math.max(worst, state.peak[t] as number);
  const relief = before - (state.peak[stage] as number);
  const excessRelief = excessBefore - excess();
  state.setHeld(gap.value, gap.from, gap.to, 1);
  if (!(relief > 0) || worst > globalPeak) return null;
  return { gap, addedCost, relief, excessRelief, worst };
}

/** Holds dropped gaps again where every stage stays within budget and the plan gets cheaper. */
function addBack(state: StageState, dropped: Gap[], budgetBytes: number, deadline: number): void {
  for (let pass = 0; pass < 2; pass++) {
    let improved = false;
    for (let d = dropped.length - 1; d >= 0; d--) {
      if (performance.now() > deadline) return;
      const gap = dropped[d] as Gap;
      const saved = -state.setHeld(gap.value, gap.from, gap.to, 1).costDelta;
      let fits = true;
      for (let t = gap.from; t <= gap.to && fits; t++)
        fits = (state.peak[t] as number) <= budgetBytes;
      if (fits && saved > 0) {
        dropped.splice(d, 1);
        improved = true;
      } else {
        state.setHeld(gap.value, gap.from, gap.to, 0);
      }
    }
    if (!improved) return;
  }
}
