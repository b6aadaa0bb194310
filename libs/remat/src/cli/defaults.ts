import type { PlannerId } from '../plan-types.js';
import { plannerIds } from '../planners/registry.js';

/** The optimal MILP when it is registered; until then the no-remat baseline. */
export const DEFAULT_SOLVER: PlannerId = plannerIds().includes('milp') ? 'milp' : 'checkpoint-all';
