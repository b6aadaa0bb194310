export * from './checkpoint/index.js';
export { SeededRng, deriveSeed, type RngState } from './rng.js';
export {
  train,
  trainTask,
  type TrainOptions,
  type LoopOptions,
  type TrainSummary,
  type CheckpointStall,
} from './loop/train.js';
export type {
  TrainingTask,
  TrainingTaskSpec,
  TaskContext,
  TaskCheckpoint,
  TaskSnapshot,
  StepContext,
  StepResult,
  RecordValue,
} from './loop/task.js';
export { hostValues, deviceTensor } from './loop/optimizer.js';
export { parseCheckpointEvery, CheckpointClock, type CheckpointSchedule } from './loop/schedule.js';
export { OPTIMIZERS, type OptimizerName } from './loop/optimizer.js';
export { ShardedJsonlLoader, type LoaderPosition, type Batch } from './data/jsonl-loader.js';
export { writeSyntheticData, type SyntheticDataOptions } from './data/synthetic.js';
export { initBackend, BACKEND_CHOICES, type BackendChoice } from './model/backend.js';
export { parseModelSpec, buildModel, describeModel, type ModelSpec } from './model/models.js';
export { uriIOHandler, registerUriRouters } from './tfio/io-handler.js';
export {
  supervise,
  HEARTBEAT,
  type SuperviseOptions,
  type SuperviseSummary,
} from './supervisor/supervisor.js';
export {
  CHECKPOINT_OPTIONS,
  SUPERVISOR_OPTIONS,
  REMAT_OPTIONS,
  withDefault,
  checkpointLoopOptions,
  parseDurationMs,
  type CheckpointArgs,
  type SupervisorArgs,
  type RematArgs,
} from './cli/shared-options.js';
export { runSupervised } from './cli/supervised.js';
