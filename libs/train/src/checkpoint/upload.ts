/**
 * The checkpoint's retry policy. Puts and gets go through libs/transfer's putObject/getObject
 * (retries, part planning, checksums checked against what the store reports); this file only
 * says how patient a checkpoint write is.
 */
import { defaultRetryStrategy, type RetryOptions, type RetryStrategy } from '@strata/transfer';

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
