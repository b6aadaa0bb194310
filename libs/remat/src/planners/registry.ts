import { UsageError } from '@strata/cli';
import { checkpointAllPlanner } from '../baselines/checkpoint-all.js';
import { checkpointLastPlanner } from '../baselines/checkpoint-last.js';
import { chenGreedyPlanner } from '../baselines/chen-greedy.js';
import { chenSqrtnPlanner } from '../baselines/chen-sqrtn.js';
import { revolvePlanner } from '../baselines/revolve.js';
import { greedyRematPlanner } from '../heuristic/planner.js';
import { lpRoundPlanner } from '../lp-round/planner.js';
import { milpPlanner } from '../milp/planner.js';
import type { Planner, PlannerId } from '../plan-types.js';

/** Every planner by id, in the order the CLI lists them. Heuristics and exact solvers are interchangeable. */
const PLANNERS: ReadonlyMap<PlannerId, Planner> = new Map<PlannerId, Planner>([
  ['milp', milpPlanner],
  ['lp-round', lpRoundPlanner],
  ['chen-sqrtn', chenSqrtnPlanner],
  ['chen-greedy', chenGreedyPlanner],
  ['revolve', revolvePlanner],
  ['checkpoint-all', checkpointAllPlanner],
  ['checkpoint-last', checkpointLastPlanner],
  ['greedy-remat', greedyRematPlanner],
]);

export function plannerIds(): PlannerId[] {
  return [...PLANNERS.keys()];
}

export function getPlanner(id: string): Planner {
  const planner = PLANNERS.get(id as PlannerId);
  if (planner === undefined) {
    throw new UsageError(`unknown solver '${id}': choose one of ${plannerIds().join(', ')}`);
  }
  return planner;
}
