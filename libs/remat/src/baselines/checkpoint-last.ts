import type { Planner } from '../plan-types.js';
import { emptyMatrix } from './fixed-checkpoints.js';
import {
  bestUnderBudget,
  heuristicOutput,
  planFromCheckpoints,
  score,
} from './heuristic-output.js';

/**
 * Keep only the value computed in the previous stage (Checkmate's `solve_checkpoint_last_node`):
 * the least memory a stage plan can use, paid for by recomputing almost everything.
 */
export const checkpointLastPlanner: Planner = async (topo, budgetBytes) => {
  const startedAt = performance.now();
  const S = emptyMatrix(topo.size);
  for (let t = 1; t < topo.size; t += 1) (S[t] as Uint8Array)[t - 1] = 1;
  const scored = score(topo, planFromCheckpoints(topo, S));
  return heuristicOutput('checkpoint-last', bestUnderBudget([scored], budgetBytes), startedAt);
};
