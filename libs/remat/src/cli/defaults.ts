import type { PlannerId } from '../plan-types.js';

/** The optimal MILP (Checkmate §4) on HiGHS: it plans the bundled example in seconds. */
export const DEFAULT_SOLVER: PlannerId = 'milp';
