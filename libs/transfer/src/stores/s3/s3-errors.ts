import { UsageError } from '@strata/cli';
import { errorForStatus, networkErrorCode, TransientError } from '../errors.js';

/** Service codes that mean the request's credentials were refused. */
const AUTH_CODES = new Set([
  'AccessDenied',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidToken',
  'ExpiredToken',
]);

interface SdkErrorShape {
  name?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

/**
 * Classifies an AWS SDK error once, at the backend boundary. Configuration problems no retry can
 * fix (missing bucket, no credentials) become one-line UsageErrors that say what to do.
 */
export function classifyS3Error(error: unknown, bucket: string, what: string): unknown {
  if (error instanceof UsageError) return error;
  const sdk = (error ?? {}) as SdkErrorShape;
  const code = sdk.Code ?? sdk.name ?? '';
  if (code === 'NoSuchBucket') return missingBucket(bucket, error);
  if (
    code === 'CredentialsProviderError' ||
    /Could not load credentials/i.test(sdk.message ?? '')
  ) {
    return new UsageError(
      `no AWS credentials found for s3://${bucket}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ` +
        'or AWS_PROFILE with ~/.aws/credentials, or run where an IAM role is available',
      { cause: error },
    );
  }
  const status = sdk.$metadata?.httpStatusCode;
  if (status === 401 || status === 403 || AUTH_CODES.has(code)) {
    // A HEAD answer has no body: the status is all there is to go on.
    const detail = code && !code.startsWith('HTTP') ? code : `HTTP ${status ?? '403'}`;
    return new UsageError(
      `${what}: access denied (${detail}): the credentials are wrong or not allowed this; check ` +
        'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), and AWS_ENDPOINT_URL',
      { cause: error },
    );
  }
  const message = `${what}: ${code || 'error'}${sdk.message && sdk.message !== code ? ` (${sdk.message})` : ''}`;
  if (status !== undefined) {
    const classified = errorForStatus(status, message, error, code);
    if (classified) return classified;
  }
  const network = networkErrorCode(error);
  if (network) return new TransientError(`${what}: ${network}`, { cause: error });
  return error;
}

export function missingBucket(bucket: string, cause?: unknown): UsageError {
  return new UsageError(
    `bucket 's3://${bucket}' does not exist: create it or check the name and endpoint`,
    { cause },
  );
}
