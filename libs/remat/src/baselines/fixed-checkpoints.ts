import { forwardNodes, type TopoGraph } from '@strata/graph';

export function emptyMatrix(n: number): Uint8Array[] {
  return Array.from({ length: n }, () => new Uint8Array(n));
}

/**
 * Checkmate's `setup_implied_s_backwards`: a value produced and consumed inside the backward pass
 * stays resident from the stage after its creation through the stage of each backward consumer,
 * so heuristics never recompute gradients.
 */
export function impliedBackwardS(
  topo: TopoGraph,
  S: Uint8Array[] = emptyMatrix(topo.size),
): Uint8Array[] {
  const isBackward = (i: number) => topo.nodes[i]?.kind !== 'forward';
  for (const [start, end] of topo.edges) {
    if (!isBackward(start) || !isBackward(end)) continue;
    for (let t = start + 1; t <= end; t += 1) set(S, t, start);
  }
  return S;
}

/**
 * Checkmate's `gen_s_matrix_fixed_checkpoints`: the checkpoint matrix S for a fixed set of forward
 * checkpoints (topological indices). Inputs of every node are resident entering its stage; every
 * checkpoint stays resident from the stage after it is computed to the end; inside each segment
 * between checkpoints, values are kept while the forward pass crosses the segment (forward block)
 * and while the backward pass crosses its mirror (ladder). Assumes, as Checkmate does, that the
 * forward nodes come first in topological order.
 */
export function fixedCheckpointS(topo: TopoGraph, checkpoints: Iterable<number>): Uint8Array[] {
  const total = topo.size;
  const forwardCount = forwardNodes(topo).length;
  const segments = [...new Set(checkpoints)].sort((a, b) => a - b);
  const S = impliedBackwardS(topo);
  for (const [u, v] of topo.edges) set(S, v, u);
  for (let t = 1; t < total; t += 1) {
    for (const i of segments) if (i < t) set(S, t, i);
  }
  const starts = [0, ...segments];
  const ends = [...segments, forwardCount + 1];
  for (let s = 0; s < starts.length; s += 1) {
    const start = starts[s] ?? 0;
    const end = ends[s] ?? 0;
    // Ladder: the backward stages that mirror the segment keep the segment's values.
    for (let x = start; x < end; x += 1) {
      const t = total - x - 1;
      if (t < 0 || t >= total) continue;
      for (let i = start; i < Math.min(t, end); i += 1) set(S, t, i);
    }
    // Forward block: the forward stages across the segment keep the segment's values.
    for (let t = start; t <= end && t < total; t += 1) {
      for (let i = start; i < Math.min(t, end); i += 1) set(S, t, i);
    }
  }
  return S;
}

function set(S: Uint8Array[], t: number, i: number): void {
  const row = S[t];
  if (row !== undefined && i < t) row[i] = 1;
}
