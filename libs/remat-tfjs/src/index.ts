export { importTrainingGraph, inputShapeOf, modelFingerprint } from './import/training-graph.js';
export type { ImportedGraph, ImportOptions, NodeCosts } from './import/training-graph.js';
export { MODEL_INPUT, walkLayers, type LayerEntry } from './import/layer-walk.js';
export { supportedLayerNames } from './import/supported-layers.js';
export {
  parseMappedGraph,
  readMappedGraph,
  toMappedGraphJson,
  tfjsMappingSchema,
  TFJS_MAPPING_FORMAT,
  TFJS_MAPPING_VERSION,
  type MappedGraph,
  type TfjsMapping,
} from './import/mapping.js';
export { ScheduleExecutor, type LossFunction, type ScheduleRun } from './execute/executor.js';
export {
  createRematStep,
  type RematStep,
  type RematStepOptions,
  type RematStepResult,
} from './execute/remat-step.js';
export { checkPlanBelongs, scheduleFor } from './execute/plan-check.js';
export {
  WASM_HEAP_CEILING_BYTES,
  checkHeapCeiling,
  heapCeiling,
  transientBytes,
} from './execute/memory-ceiling.js';
export { checkPlainStepFits, type PlainStepCheck } from './execute/plain-step-check.js';
export { readPlanFile } from './execute/plan-file.js';
export {
  QUICK_SOLVERS,
  operationLowerBound,
  smallestBudget,
  smallestBudgetOfAny,
} from './search/feasibility.js';
