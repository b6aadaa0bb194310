export * from './format.js';
export {
  packShard,
  unpackTensors,
  typedValues,
  sha256Hex,
  type PackedShard,
  type TensorValues,
} from './shards.js';
export { putBuffer, readAll, checkpointRetryStrategy, type UploadOptions } from './upload.js';
export {
  CheckpointWriter,
  type CheckpointSnapshot,
  type InFlightPolicy,
  type WriterEvent,
  type WriterOptions,
} from './writer.js';
export {
  listCheckpoints,
  loadCheckpoint,
  loadLatestCheckpoint,
  CheckpointCorruptError,
  type CheckpointEntry,
  type LoadedCheckpoint,
} from './loader.js';
