import type { TopoGraph } from '@strata/graph';

/**
 * A retention gap of value i: the stages a+1..b between two consecutive uses of i (its creation
 * stage i, then the stages of its consumers). Holding the gap keeps i resident through it; dropping
 * it means stage b recomputes i (and whatever of i's inputs is not resident there).
 */
export interface Gap {
  readonly value: number;
  readonly from: number;
  readonly to: number;
}

/** The gap of value i that contains stage t (a < t ≤ b), or null when i has no use at or after t. */
export function gapAt(topo: TopoGraph, i: number, t: number): Gap | null {
  const succs = topo.succs[i] as readonly number[];
  let from = i;
  for (const j of succs) {
    if (j >= t) return t > from ? { value: i, from, to: j } : null;
    from = j;
  }
  return null;
}
