export type * from './plan-types.js';
export { simulate } from './simulator/index.js';
export { noRematPeak, parseBudget } from './budget.js';
export { planRemat, type Plan, type PlanRematOptions } from './plan-remat.js';
export { getPlanner, plannerIds } from './planners/registry.js';
export { checkpointAllPlanner, checkpointAllPlan } from './baselines/checkpoint-all.js';
export { checkpointLastPlanner } from './baselines/checkpoint-last.js';
export { revolvePlanner } from './baselines/revolve.js';
export { milpPlanner } from './milp/planner.js';
export { lpRoundPlanner } from './lp-round/planner.js';
export { chenSqrtnPlanner } from './baselines/chen-sqrtn.js';
export { chenGreedyPlanner } from './baselines/chen-greedy.js';
export {
  expandBudgets,
  runSweep,
  writeSweepReport,
  sweepCsv,
  sweepMarkdown,
  sweepChartSpec,
  renderSvg,
  type SweepOptions,
  type SweepResult,
  type SweepRow,
  type SweepFiles,
} from './sweep/index.js';
export { buildCheckmateMilp } from './milp/formulation.js';
