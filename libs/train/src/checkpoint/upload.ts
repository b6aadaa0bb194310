/**
 * The checkpoint's retry policies. Puts and gets go through libs/transfer's putObject/getObject
 * (retries, part planning, checksums checked against what the store reports); this file only
 * says how patient a checkpoint write or read is.
 */
import {
  classifyFailure,
  defaultRetryStrategy,
  type RetryOptions,
  type RetryStrategy,
} from '@strata/transfer';

export function checkpointRetryStrategy(overrides: Partial<RetryOptions> = {}): RetryStrategy {
  // A checkpoint write may outlive a server restart: more attempts and a longer ceiling than a cp.
  return defaultRetryStrategy({
    maxAttempts: 12,
    baseDelayMs: 200,
    maxDelayMs: 4_000,
    budget: 500,
    ...overrides,
  });
}

/**
 * For one read of a checkpoint object: as patient as a write with an unreachable store, but a
 * checksum mismatch is read once more only. Damage at rest fails every read the same way, and
 * the loader's answer to it (fall back to the previous checkpoint) should not wait 30 s.
 */
export function checkpointReadRetryStrategy(): RetryStrategy {
  let mismatches = 0;
  return checkpointRetryStrategy({
    classify: (error) => {
      const failure = classifyFailure(error);
      if (failure !== 'integrity') return failure;
      mismatches += 1;
      return mismatches >= 2 ? 'permanent' : failure;
    },
  });
}
