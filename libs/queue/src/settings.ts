/** The queue every Strata producer and worker shares, and BullMQ's key prefix in Redis. */
export const QUEUE_NAME = 'jobs';
export const KEY_PREFIX = 'strata';

/** Attempts per job, and the first retry's delay (doubled each retry): transient failures pass. */
export const JOB_ATTEMPTS = 3;
export const RETRY_DELAY_MS = 1_000;

/**
 * A worker holds a job's lock this long and renews it every half of it; a worker that dies mid-job
 * loses the lock and, at the next stalled check, the job goes back to the queue for another worker.
 */
export const DEFAULT_LOCK_SECONDS = 30;
/** Times a job may be orphaned by a dead worker before it is failed (a job that kills its worker). */
export const MAX_STALLED_COUNT = 3;
