export {
  pretrainTask,
  restoreWeights,
  type PretrainTaskOptions,
  type PretrainState,
} from './task.js';
export { OBJECTIVES, HYBRID_WEIGHTS, parseObjective, type Objective } from './objectives.js';
export { infoNce, mocoLogits, l2Normalize, MOCO_TEMPERATURE } from './info-nce.js';
export { momentumUpdate, MOCO_MOMENTUM } from './momentum.js';
export { NegativesQueue, queueSizeFor } from './negatives-queue.js';
export { maskTokens, MASK_RATE, type MaskedBatch } from './masking.js';
export { loadPretrainedEncoder, type LoadedEncoder } from './load-encoder.js';
export { retrievalAccuracy, top1Accuracy, type RetrievalResult } from './retrieval.js';
export { readCorpusManifest, readSplit } from './corpus-data.js';
export { spellRows } from './views.js';
export {
  planQueryStep,
  plannedModel,
  queryModel,
  type PlannedQuery,
  type PlannedGradients,
  type PlanQueryOptions,
  type QueryOutputs,
} from './planned-query.js';
export { stepLoss, type StepLossInputs } from './step-loss.js';
export {
  checkPretrainStepFits,
  pretrainStepOtherBytes,
  lossWorkingBytes,
  LOSS_COPIES,
  type PretrainStepShape,
} from './plain-step-fits.js';
