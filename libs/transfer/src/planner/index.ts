/** @strata/transfer/planner: Skyplane's overlay planner, pure (profile and request in, plan out). */
export { buildProfile, providerOf, PROVIDERS, type NetworkProfile, type ProfileSources, type CsvText, type Provider } from './profile.js';
export { SKYPLANE_CONSTANTS, BITS_PER_SKYPLANE_GBIT, type PlannerConstants, type PlanRequest, type Objective } from './problem.js';
export { planTransfer, minCostPlan, maxThroughputGbits, validateRequest, type TransferPlan, type PlanEdge, type PlanOptions } from './plan.js';
export { directBaseline, ronBaseline, type Baseline, type BaselineInput } from './baselines.js';
export { nearestRegions, regionIndex } from './regions.js';
export { solverGrid, roundHalfEven, type SolverGrid } from './solver-grid.js';
export { PLAN_FORMAT, PLAN_VERSION, planDocumentSchema, parsePlanDocument, type PlanDocument } from './plan-document.js';
