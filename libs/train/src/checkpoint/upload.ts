/**
 * Puts one in-memory buffer at a key, through the transfer engine's retry strategy and part
 * planning (libs/transfer). The engine copies objects between stores; it has no "upload these
 * bytes" entry point yet, so this adapter composes its exported parts: `planObject` for part
 * sizes, `RetryStrategy` + `classifyFailure` for retries, the store's multipart API for parts.
 */
import { Readable } from 'node:stream';
import pLimit from 'p-limit';
import {
  classifyFailure,
  DEFAULT_TRANSFER_OPTIONS,
  planObject,
  RetryStrategy,
  type CompletedPart,
  type ObjectStore,
} from '@strata/transfer';

export interface UploadOptions {
  /** Shared by every request of one checkpoint, so a dead server does not get hammered. */
  retry: RetryStrategy;
  multipartThreshold?: number;
  partSize?: number;
  /** Parts in flight for one object. */
  concurrency?: number;
  /** Called before each retry (what failed, the delay): the trainer logs it. */
  onRetry?: (what: string, error: unknown, delayMs: number) => void;
}

const PART_CONCURRENCY = 4;

export function checkpointRetryStrategy(
  overrides: Partial<ConstructorParameters<typeof RetryStrategy>[0]> = {},
): RetryStrategy {
  // A checkpoint write may outlive a server restart: more attempts and a longer ceiling than a cp.
  return new RetryStrategy({
    maxAttempts: 12,
    baseDelayMs: 200,
    maxDelayMs: 4_000,
    budget: 500,
    classify: classifyFailure,
    ...overrides,
  });
}

export async function putBuffer(
  store: ObjectStore,
  key: string,
  bytes: Uint8Array,
  options: UploadOptions,
): Promise<void> {
  const plan = planObject(
    { sourceKey: key, destinationKey: key, size: bytes.byteLength },
    {
      multipartThreshold: options.multipartThreshold ?? DEFAULT_TRANSFER_OPTIONS.multipartThreshold,
      partSize: options.partSize ?? DEFAULT_TRANSFER_OPTIONS.partSize,
    },
    store.features,
  );
  const retrying = <T>(what: string, operation: () => Promise<T>): Promise<T> =>
    options.retry.run(operation, (event) => options.onRetry?.(what, event.error, event.delayMs));

  if (!plan.multipart) {
    const info = await retrying(`write ${key}`, () =>
      store.write(
        key,
        Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]),
        {
          size: bytes.byteLength,
        },
      ),
    );
    assertSize(key, info.size, bytes.byteLength);
    return;
  }
  const uploadId = await retrying(`start multipart ${key}`, () => store.createMultipart(key));
  try {
    const limit = pLimit(options.concurrency ?? PART_CONCURRENCY);
    const parts: CompletedPart[] = await Promise.all(
      plan.chunks.map((chunk) =>
        limit(() =>
          retrying(`part ${chunk.partNumber} of ${key}`, () =>
            store.uploadPart(
              key,
              uploadId,
              chunk.partNumber,
              bytes.subarray(chunk.offset, chunk.offset + chunk.length),
              chunk.length,
            ),
          ),
        ),
      ),
    );
    const info = await retrying(`complete multipart ${key}`, () =>
      store.completeMultipart(key, uploadId, parts),
    );
    assertSize(key, info.size, bytes.byteLength);
  } catch (error) {
    await store.abortMultipart(key, uploadId).catch(() => undefined);
    throw error;
  }
}

function assertSize(key: string, reported: number, expected: number): void {
  if (reported !== expected) {
    throw new Error(`${key}: the store reports ${reported} bytes where ${expected} were written`);
  }
}

/** Reads a whole object into memory. */
export async function readAll(store: ObjectStore, key: string): Promise<Buffer> {
  const stream = await store.read(key);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
