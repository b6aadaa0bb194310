export * from './format.js';
export {
  packShard,
  unpackTensors,
  typedValues,
  sha256Hex,
  type PackedShard,
  type TensorValues,
} from './shards.js';
export { checkpointRetryStrategy } from './upload.js';
export { CheckpointWriter, type InFlightPolicy, type WriterOptions } from './writer.js';
export {
  commitCheckpoint,
  type CheckpointSnapshot,
  type CommitOptions,
  type WriterEvent,
} from './commit.js';
export {
  listCheckpoints,
  loadCheckpoint,
  readManifest,
  loadLatestCheckpoint,
  CheckpointCorruptError,
  type CheckpointEntry,
  type LoadedCheckpoint,
} from './loader.js';
