import { forwardNodes, type TopoGraph } from '@strata/graph';
import type { Planner, StagePlan } from '../plan-types.js';
import { impliedBackwardS } from './fixed-checkpoints.js';
import {
  bestUnderBudget,
  heuristicOutput,
  planFromCheckpoints,
  score,
  type ScoredPlan,
} from './heuristic-output.js';

/**
 * Griewank's binomial checkpointing ("revolve") for chains. The forward pass is a chain of l
 * positions above the input (always available); reversing position k needs its value, recomputed
 * from the nearest stored value below it, with at most s stored values at a time.
 *
 * forwardSteps[l][s] is the least number of forward computations (the first sweep included) that
 * reverses l positions with s slots: advance m positions and store the value there, reverse the
 * part above it with s−1 slots, then the part below with s slots. Its values are Griewank's
 * binomial bound (tested against his closed form and an exhaustive search); split[l][s] is the m
 * that attains it.
 */
export interface RevolveTable {
  readonly forwardSteps: readonly (readonly number[])[];
  readonly split: readonly (readonly number[])[];
}

export function revolveTable(positions: number, maxSlots: number): RevolveTable {
  const forwardSteps: number[][] = [];
  const split: number[][] = [];
  for (let l = 0; l <= positions; l += 1) {
    const costRow: number[] = [];
    const splitRow: number[] = [];
    for (let s = 0; s <= maxSlots; s += 1) {
      if (l === 0) {
        costRow.push(0);
        splitRow.push(0);
        continue;
      }
      // m = l: advance straight to the top and reverse it, keeping all slots for the rest.
      let best = l + at(forwardSteps, l - 1, s);
      let bestM = l;
      if (s > 0) {
        for (let m = 1; m < l; m += 1) {
          const cost = m + at(forwardSteps, l - m, s - 1) + at(forwardSteps, m - 1, s);
          if (cost < best) {
            best = cost;
            bestM = m;
          }
        }
      }
      costRow.push(best);
      splitRow.push(bestM);
    }
    forwardSteps.push(costRow);
    split.push(splitRow);
  }
  return { forwardSteps, split };
}

/**
 * The revolve schedule as checkpoint sets: held[k] = the stored positions at the moment position k
 * is reversed (k itself included when it is stored; it is released right after).
 */
export function revolveCheckpoints(
  positions: number,
  slots: number,
  table: RevolveTable,
): Set<number>[] {
  const held: Set<number>[] = new Array<Set<number>>(positions);
  const stored = new Set<number>();
  const reverse = (base: number, top: number, s: number): void => {
    let b = top;
    while (b > base) {
      const m = at(table.split, b - base, s);
      if (m < b - base && s > 0) {
        const mark = base + m;
        stored.add(mark);
        reverse(mark, b, s - 1);
        held[mark] = new Set(stored);
        stored.delete(mark);
        b = mark - 1;
      } else {
        held[b] = new Set(stored);
        b -= 1;
      }
    }
  };
  reverse(-1, positions - 1, slots);
  return held;
}

/**
 * Revolve applies when the forward pass is a chain (forward node k's only input is k − 1, forward
 * nodes first in topological order) and the backward pass walks it back: the lowest forward input of
 * each later stage never increases. Returns each later stage's position (its lowest forward input),
 * or null when the graph is not such a chain.
 */
export function chainPositions(topo: TopoGraph): number[] | null {
  const forward = forwardNodes(topo);
  const f = forward.length;
  if (f === 0 || forward[f - 1] !== f - 1) return null;
  for (let k = 0; k < f; k += 1) {
    const preds = topo.preds[k] ?? [];
    if (k === 0 ? preds.length !== 0 : preds.length !== 1 || preds[0] !== k - 1) return null;
  }
  const positions: number[] = [];
  let previous = f - 1;
  for (let t = f; t < topo.size; t += 1) {
    const lowest = (topo.preds[t] ?? []).find((i) => i < f);
    const position = lowest ?? previous;
    if (position > previous) return null;
    positions.push(position);
    previous = position;
  }
  return positions;
}

/** The stage plan of the revolve schedule with `slots` stored values; null when the graph is no chain. */
export function revolvePlan(
  topo: TopoGraph,
  slots: number,
  table?: RevolveTable,
): StagePlan | null {
  const positions = chainPositions(topo);
  if (positions === null) return null;
  const f = topo.size - positions.length;
  const held = revolveCheckpoints(f, slots, table ?? revolveTable(f, slots));
  const S = impliedBackwardS(topo);
  for (const [u, v] of topo.edges) (S[v] as Uint8Array)[u] = 1;
  const sweep = held[f - 1] ?? new Set<number>();
  for (let t = 1; t < f; t += 1) for (const m of sweep) if (m < t) (S[t] as Uint8Array)[m] = 1;
  positions.forEach((position, offset) => {
    const t = f + offset;
    for (const m of held[position] ?? []) (S[t] as Uint8Array)[m] = 1;
  });
  return planFromCheckpoints(topo, S);
}

/** Tries every slot count and keeps the cheapest revolve plan that fits the budget. */
export const revolvePlanner: Planner = async (topo, budgetBytes) => {
  const startedAt = performance.now();
  const positions = chainPositions(topo);
  if (positions === null)
    return { ...heuristicOutput('revolve', null, startedAt), status: 'not-applicable' };
  const f = topo.size - positions.length;
  const maxSlots = Math.max(0, f - 1);
  const table = revolveTable(f, maxSlots);
  const candidates: ScoredPlan[] = [];
  for (let s = 0; s <= maxSlots; s += 1) {
    const plan = revolvePlan(topo, s, table);
    if (plan !== null) candidates.push(score(topo, plan));
  }
  return heuristicOutput('revolve', bestUnderBudget(candidates, budgetBytes), startedAt);
};

function at(table: readonly (readonly number[])[], l: number, s: number): number {
  const value = table[l]?.[s];
  if (value === undefined)
    throw new RangeError(`revolve table has no entry for ${l} positions, ${s} slots`);
  return value;
}
