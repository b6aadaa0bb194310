/**
 * The engine's own failures and the one place that maps any error to a retry class. Stores have
 * already classified their errors (stores/errors.ts); everything unclassified is treated as
 * permanent unless it looks like a dropped connection.
 */
import { UsageError } from '@strata/cli';
import { IntegrityError, isStoreError, networkErrorCode } from '../stores/errors.js';
import type { FailureClass } from './retry.js';

/** The source object changed while it was read: its upload is aborted, nothing is written. */
export class SourceChangedError extends UsageError {
  constructor(key: string, what: string) {
    super(
      `source '${key}' changed while it was read (${what}); nothing was written for it: copy it again once it is stable`,
    );
    this.name = 'SourceChangedError';
  }
}

/** Bytes read back (or reported by the destination) differ from the bytes sent. */
export class ChecksumMismatchError extends IntegrityError {
  constructor(what: string, expected: string, actual: string) {
    super(`${what}: checksum mismatch (expected ${expected}, got ${actual})`);
  }
}

export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof UsageError) return 'permanent';
  if (isStoreError(error)) {
    switch (error.kind) {
      case 'Throttled':
        return 'throttled';
      case 'Transient':
        return 'transient';
      case 'Integrity':
        return 'integrity';
      default:
        return 'permanent';
    }
  }
  return networkErrorCode(error) !== undefined ? 'transient' : 'permanent';
}
