import { articulationPoints, forwardNodes, type TopoGraph } from '@strata/graph';
import type { Planner } from '../plan-types.js';
import { fixedCheckpointS } from './fixed-checkpoints.js';
import {
  bestUnderBudget,
  heuristicOutput,
  planFromCheckpoints,
  score,
  type ScoredPlan,
} from './heuristic-output.js';

/**
 * Chen et al.'s greedy segmentation (Checkmate's `solve_chen_greedy`) for one segment size: walk
 * the forward pass accumulating activation bytes and checkpoint the next articulation point once
 * the segment holds more than `segmentBytes`.
 */
export function greedyCheckpoints(topo: TopoGraph, segmentBytes: number): number[] {
  const candidates = new Set(articulationPoints(topo));
  const checkpoints: number[] = [];
  let segment = 0;
  for (const v of forwardNodes(topo)) {
    segment += topo.outputBytes[v] ?? 0;
    if (candidates.has(v) && segment > segmentBytes) {
      checkpoints.push(v);
      segment = 0;
    }
  }
  return checkpoints;
}

/** Segment sizes worth trying: an even grid up to all forward bytes, and every forward prefix sum. */
function segmentSizes(topo: TopoGraph): number[] {
  const forward = forwardNodes(topo);
  const sizes = new Set<number>([0]);
  let prefix = 0;
  for (const v of forward) {
    prefix += topo.outputBytes[v] ?? 0;
    sizes.add(prefix);
  }
  for (let i = 1; i <= 64; i += 1) sizes.add((prefix * i) / 64);
  return [...sizes].sort((a, b) => a - b);
}

/**
 * Greedy Chen with its segment size swept (as Checkmate's experiments sweep it): every distinct
 * checkpoint set is simulated and the cheapest plan within the budget is kept.
 */
export const chenGreedyPlanner: Planner = async (topo, budgetBytes) => {
  const startedAt = performance.now();
  const seen = new Set<string>();
  const scored: ScoredPlan[] = [];
  for (const size of segmentSizes(topo)) {
    const checkpoints = greedyCheckpoints(topo, size);
    const key = checkpoints.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    scored.push(score(topo, planFromCheckpoints(topo, fixedCheckpointS(topo, checkpoints))));
  }
  return heuristicOutput('chen-greedy', bestUnderBudget(scored, budgetBytes), startedAt);
};
