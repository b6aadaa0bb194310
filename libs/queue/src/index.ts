// The producer's side: what libraries that fan work out import. The worker is in './cli'.
export { JobClient, type JobClientOptions } from './producer.js';
export { parseQueueUrl, type QueueAddress } from './queue-url.js';
export { JOB_FORMAT, JOB_VERSION, jobId, readJob, IncompatibleJobError, type JobDocument, type JobParams } from './job.js';
export type { JobHandler, JobHandlerModule, HandlerRegistry } from './handler.js';
export { deadLetterKey, readDeadLetters, type DeadLetter } from './dead-letter.js';
export { KEY_PREFIX, QUEUE_NAME } from './settings.js';
