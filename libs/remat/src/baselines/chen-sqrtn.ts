import { articulationPoints } from '@strata/graph';
import type { Planner } from '../plan-types.js';
import { fixedCheckpointS } from './fixed-checkpoints.js';
import {
  bestUnderBudget,
  heuristicOutput,
  planFromCheckpoints,
  score,
} from './heuristic-output.js';

/**
 * Chen et al.'s √n strategy (Checkmate's `solve_chen_sqrtn`): of the forward nodes that split the
 * forward graph (every forward node on a chain; only the joins on a non-linear graph), checkpoint
 * every ⌊√|C|⌋-th and recompute each segment once in the backward pass.
 */
export const chenSqrtnPlanner: Planner = async (topo, budgetBytes) => {
  const startedAt = performance.now();
  const candidates = articulationPoints(topo);
  const every = Math.floor(Math.sqrt(candidates.length));
  const checkpoints = every === 0 ? [] : candidates.filter((_, index) => (index + 1) % every === 0);
  const scored = score(topo, planFromCheckpoints(topo, fixedCheckpointS(topo, checkpoints)));
  return heuristicOutput('chen-sqrtn', bestUnderBudget([scored], budgetBytes), startedAt);
};
