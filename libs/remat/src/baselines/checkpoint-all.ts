import { forwardNodes, type TopoGraph } from '@strata/graph';
import type { Planner, StagePlan } from '../plan-types.js';
import { fixedCheckpointS } from './fixed-checkpoints.js';
import {
  bestUnderBudget,
  heuristicOutput,
  planFromCheckpoints,
  score,
} from './heuristic-output.js';

/** No rematerialization: every forward value is a checkpoint (Checkmate's `solve_checkpoint_all`). */
export function checkpointAllPlan(topo: TopoGraph): StagePlan {
  return planFromCheckpoints(topo, fixedCheckpointS(topo, forwardNodes(topo)));
}

export const checkpointAllPlanner: Planner = async (topo, budgetBytes) => {
  const startedAt = performance.now();
  const scored = score(topo, checkpointAllPlan(topo));
  return heuristicOutput('checkpoint-all', bestUnderBudget([scored], budgetBytes), startedAt);
};
