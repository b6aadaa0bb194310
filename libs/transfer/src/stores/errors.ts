/**
 * Store errors, classified once at the backend boundary so callers (the engine's retry strategy)
 * decide by class, never by SDK type. Bad configuration that no retry can fix (unknown scheme,
 * missing bucket, no credentials) is a UsageError from @strata/cli instead: exit 2, one line.
 */
export type StoreErrorKind =
  'NotFound' | 'Throttled' | 'Transient' | 'Auth' | 'BadRequest' | 'Integrity';

export abstract class StoreError extends Error {
  abstract readonly kind: StoreErrorKind;
  /** Whether trying the same request again may succeed. */
  abstract readonly retryable: boolean;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The object (or upload) does not exist. */
export class NotFoundError extends StoreError {
  readonly kind = 'NotFound' as const;
  readonly retryable = false;
}

/** The service asked us to slow down (HTTP 429, S3 SlowDown / 503 throttling). */
export class ThrottledError extends StoreError {
  readonly kind = 'Throttled' as const;
  readonly retryable = true;
}

/** 5xx, connection reset/refused, timeouts: the same request may work later. */
export class TransientError extends StoreError {
  readonly kind = 'Transient' as const;
  readonly retryable = true;
}

/** Credentials were rejected or lack permission (401/403). */
export class AuthError extends StoreError {
  readonly kind = 'Auth' as const;
  readonly retryable = false;
}

/** The service rejected the request itself (400, 412, 416, invalid part order...). */
export class BadRequestError extends StoreError {
  readonly kind = 'BadRequest' as const;
  readonly retryable = false;
}

/**
 * The destination's disk is full (ENOSPC). Not retried; the engine also discards what an
 * unfinished upload staged there, since keeping it for a resume would keep the space taken.
 */
export class NoSpaceError extends BadRequestError {}

/** Bytes did not match their checksum in flight; fetching or sending again may fix it. */
export class IntegrityError extends StoreError {
  readonly kind = 'Integrity' as const;
  readonly retryable = true;
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeTooSkewed',
  'InternalError',
  'ServiceUnavailable',
]);

/** Network-level failures (no HTTP status): transient. Looks through `cause` chains. */
export function networkErrorCode(error: unknown): string | undefined {
  // Duck-typed, not `instanceof Error`: errors from node internals may come from another realm.
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, name, message } = current as {
      code?: unknown;
      name?: unknown;
      message?: unknown;
    };
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return code;
    if (typeof name === 'string' && TRANSIENT_CODES.has(name)) return name;
    if (
      typeof message === 'string' &&
      /socket hang up|other side closed|ECONNRESET|ECONNREFUSED/i.test(message)
    ) {
      return 'ECONNRESET';
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps an HTTP status (plus a service code) to a class; undefined when it is not an error we know. */
export function errorForStatus(
  status: number,
  message: string,
  cause: unknown,
  serviceCode?: string,
): StoreError | undefined {
  if (status === 404) return new NotFoundError(message, { cause });
  if (status === 429 || serviceCode === 'SlowDown' || serviceCode === 'Throttling') {
    return new ThrottledError(message, { cause });
  }
  if (status === 401 || status === 403) return new AuthError(message, { cause });
  if (status === 408 || status >= 500) return new TransientError(message, { cause });
  if (status >= 400) return new BadRequestError(message, { cause });
  return undefined;
}

export function isStoreError(error: unknown): error is StoreError {
  return error instanceof StoreError;
}

/** Multipart part numbers run 1..maxParts, as on S3; backends check them before any I/O. */
export function assertPartNumber(partNumber: number, maxParts: number, what: string): void {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > maxParts) {
    throw new BadRequestError(`${what}: part number ${partNumber} is outside 1..${maxParts}`);
  }
}
