// Object stores (engineer A): the contract, errors, URI parsing, backends.
export * from './stores/index.js';

// Transfer engine (engineer B): cp/sync between stores, and the parts other libs may reuse.
export { transfer, listObjects } from './engine/api.js';
export { runTransfer, type TransferHooks } from './engine/transfer.js';
export {
  DEFAULT_TRANSFER_OPTIONS,
  type TransferOptions,
  type TransferSummary,
  type TransferProgress,
  type FailedObject,
  type PlannedAction,
} from './engine/options.js';
export {
  RetryStrategy,
  defaultRetryStrategy,
  DEFAULT_RETRY_SETTINGS,
  type RetryOptions,
  type FailureClass,
} from './engine/retry.js';
export {
  putObject,
  getObject,
  type ObjectTarget,
  type PutObjectOptions,
  type GetObjectOptions,
} from './engine/put-object.js';
export { classifyFailure, SourceChangedError, ChecksumMismatchError } from './engine/errors.js';
export {
  planObject,
  choosePartSize,
  type Chunk,
  type ChunkState,
  type ObjectPlan,
} from './engine/chunks.js';
export { ChecksumStream, multipartEtag } from './engine/checksum.js';
export { ResumeManifest } from './engine/manifest.js';
export { writeFileAtomic } from './stores/atomic-file.js';
export { createKeyFilter } from './engine/filter.js';
export { planSync, compareByMetadata, type SyncPlan } from './engine/diff.js';
