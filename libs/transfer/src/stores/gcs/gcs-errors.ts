import { UsageError } from '@strata/cli';
import {
  BadRequestError,
  errorForStatus,
  IntegrityError,
  networkErrorCode,
  NotFoundError,
  TransientError,
} from '../errors.js';

interface GcsErrorShape {
  code?: number | string;
  message?: string;
  errors?: { reason?: string; message?: string }[];
}

const INTEGRITY_CODES = new Set([
  'CONTENT_DOWNLOAD_MISMATCH',
  'FILE_NO_UPLOAD',
  'FILE_NO_UPLOAD_DELETE',
  'MD5_NOT_AVAILABLE',
]);

/** Classifies a @google-cloud/storage error once, at the backend boundary. */
export function classifyGcsError(error: unknown, bucket: string, what: string): unknown {
  if (
    error instanceof UsageError ||
    error instanceof NotFoundError ||
    error instanceof BadRequestError
  )
    return error;
  const gcs = (error ?? {}) as GcsErrorShape;
  const text = firstLine(gcs.errors?.[0]?.message ?? gcs.message ?? '');
  if (/Could not load the default credentials|Unable to detect a Project Id/i.test(text)) {
    return new UsageError(
      `no Google Cloud credentials found for gs://${bucket}: run 'gcloud auth application-default login' ` +
        'or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file',
      { cause: error },
    );
  }
  if (typeof gcs.code === 'string' && INTEGRITY_CODES.has(gcs.code)) {
    return new IntegrityError(`${what}: checksum mismatch (${gcs.code})`, { cause: error });
  }
  const status = typeof gcs.code === 'number' ? gcs.code : undefined;
  const message = `${what}: ${text || 'error'}`;
  if (status !== undefined) {
    const classified = errorForStatus(
      status,
      message,
      error,
      gcs.errors?.[0]?.reason === 'rateLimitExceeded' ? 'SlowDown' : undefined,
    );
    if (classified) return classified;
  }
  const network = networkErrorCode(error);
  if (network) return new TransientError(`${what}: ${network}`, { cause: error });
  return error;
}

export function missingGcsBucket(bucket: string, cause?: unknown): UsageError {
  return new UsageError(
    `bucket 'gs://${bucket}' does not exist: create it or check the name and endpoint`,
    { cause },
  );
}

function firstLine(text: string): string {
  // The SDK sometimes puts the whole JSON error body in the message.
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string } };
    if (parsed.error?.message) return parsed.error.message;
  } catch {
    // not JSON
  }
  return text.split('\n')[0] ?? '';
}
