/**
 * Library-level put and get of one object (the checkpoint writer, the corpus builder and data
 * generators write bytes, not copies between stores). Built on the engine's parts: RetryStrategy
 * with classifyFailure for retries, planObject for multipart, and the same checksums the engine
 * checks after every write (MD5 where the store reports it, CRC32C where it reports that, part
 * ETags and the multipart ETag formula). A mismatch is an IntegrityError, so it is retried.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import pLimit from 'p-limit';
import { Crc32c, crc32cPartEtagOf, parseCrc32cPartEtag } from '../stores/crc32c.js';
import { openStore } from '../stores/registry.js';
import type { CompletedPart, ObjectInfo, ObjectStore, StoreOptions } from '../stores/types.js';
import { isMd5Etag, multipartEtag, multipartEtagParts, normalizeEtag } from './checksum.js';
import { planObject } from './chunks.js';
import { knownMd5 } from './diff.js';
import { ChecksumMismatchError, classifyFailure } from './errors.js';
import { DEFAULT_TRANSFER_OPTIONS } from './options.js';
import { verifyReported } from './pipeline.js';
import { RetryStrategy, type RetryOptions } from './retry.js';

/** Where an object lives: a URI (`s3://b/k`, a path) or an opened store and a key in it. */
export type ObjectTarget = string | { store: ObjectStore; key: string };

export interface PutObjectOptions {
  /** Share one strategy between the requests of one logical write (its budget is shared). */
  retry?: RetryStrategy;
  /** Objects at or above this size go as parallel parts (default: the engine's). */
  multipartThreshold?: number;
  partSize?: number;
  /** Parts in flight for this object. */
  concurrency?: number;
  /** Called before each retry: what failed and the delay chosen. */
  onRetry?: (what: string, error: unknown, delayMs: number) => void;
  /** Used when the target is a URI. */
  storeOptions?: StoreOptions;
}

export type GetObjectOptions = Pick<PutObjectOptions, 'retry' | 'onRetry' | 'storeOptions'>;

const PART_CONCURRENCY = 4;

/** The engine's retry policy for single-object calls (same classification as transfers). */
export function defaultRetryStrategy(overrides: Partial<RetryOptions> = {}): RetryStrategy {
  return new RetryStrategy({
    maxAttempts: DEFAULT_TRANSFER_OPTIONS.maxAttempts,
    baseDelayMs: 100,
    maxDelayMs: 10_000,
    budget: 500,
    classify: classifyFailure,
    ...overrides,
  });
}

interface Sums {
  md5: string;
  crc32c?: string;
  bytes: number;
}

function sums(bytes: Uint8Array, withCrc: boolean): Sums {
  const md5 = createHash('md5').update(bytes).digest('hex');
  if (!withCrc) return { md5, bytes: bytes.byteLength };
  const crc = new Crc32c();
  crc.update(bytes);
  return { md5, crc32c: crc.toString(), bytes: bytes.byteLength };
}

async function withStore<T>(
  target: ObjectTarget,
  storeOptions: StoreOptions | undefined,
  run: (store: ObjectStore, key: string) => Promise<T>,
): Promise<T> {
  if (typeof target !== 'string') return run(target.store, target.key);
  const { store, key } = await openStore(target, storeOptions);
  try {
    return await run(store, key);
  } finally {
    await store.close?.();
  }
}

/**
 * Writes `data` at the target, atomically (the store's guarantee), retrying transient failures
 * and checking what the store reports against what was sent. Returns the store's ObjectInfo.
 */
export function putObject(
  target: ObjectTarget,
  data: Uint8Array,
  options: PutObjectOptions = {},
): Promise<ObjectInfo> {
  return withStore(target, options.storeOptions, (store, key) =>
    putBytes(store, key, data, options),
  );
}

async function putBytes(
  store: ObjectStore,
  key: string,
  data: Uint8Array,
  options: PutObjectOptions,
): Promise<ObjectInfo> {
  const retry = options.retry ?? defaultRetryStrategy();
  const retrying = <T>(what: string, operation: () => Promise<T>): Promise<T> =>
    retry.run(operation, (event) => options.onRetry?.(what, event.error, event.delayMs));
  const withCrc = store.features.checksum === 'crc32c';
  const plan = planObject(
    { sourceKey: key, destinationKey: key, size: data.byteLength },
    {
      multipartThreshold: options.multipartThreshold ?? DEFAULT_TRANSFER_OPTIONS.multipartThreshold,
      partSize: options.partSize ?? DEFAULT_TRANSFER_OPTIONS.partSize,
    },
    store.features,
  );
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);

  if (!plan.multipart) {
    const whole = sums(buffer, withCrc);
    try {
      return await retrying(`write ${key}`, async () => {
        const info = await store.write(key, Readable.from([buffer]), { size: buffer.length });
        assertSize(key, info.size, buffer.length);
        verifyReported(`write of '${key}'`, info, whole);
        return info;
      });
    } catch (error) {
      // Bad bytes landed on every attempt: they must not stay where a reader would trust them.
      if (error instanceof ChecksumMismatchError) await store.delete(key).catch(() => undefined);
      throw error;
    }
  }

  const uploadId = await retrying(`start multipart ${key}`, () =>
    store.createMultipart(key, { partSize: plan.partSize }),
  );
  try {
    const limit = pLimit(options.concurrency ?? PART_CONCURRENCY);
    const partMd5s: string[] = [];
    const parts: CompletedPart[] = await Promise.all(
      plan.chunks.map((chunk) =>
        limit(() =>
          retrying(`part ${chunk.partNumber} of ${key}`, async () => {
            const bytes = buffer.subarray(chunk.offset, chunk.offset + chunk.length);
            const part = await store.uploadPart(
              key,
              uploadId,
              chunk.partNumber,
              bytes,
              chunk.length,
            );
            // Each part is proven on arrival by its ETag: a CRC32C tag (local store) or the part's
            // MD5 (S3); the MD5s also make the multipart ETag formula checked after completion.
            const what = `part ${chunk.partNumber} of '${key}'`;
            const crc = parseCrc32cPartEtag(part.etag);
            if (crc !== undefined) {
              const sent = crc32cPartEtagOf(bytes);
              if (sent !== part.etag.replace(/"/g, ''))
                throw new ChecksumMismatchError(what, sent, part.etag);
              return part;
            }
            const md5 = createHash('md5').update(bytes).digest('hex');
            partMd5s[chunk.partNumber - 1] = md5;
            if (store.features.checksum === 'md5' && isMd5Etag(part.etag)) {
              const etag = normalizeEtag(part.etag) ?? '';
              if (etag !== md5) throw new ChecksumMismatchError(what, md5, etag);
            }
            return part;
          }),
        ),
      ),
    );
    const info = await retrying(`complete multipart ${key}`, () =>
      store.completeMultipart(key, uploadId, parts),
    );
    assertSize(key, info.size, buffer.length);
    try {
      verifyAssembled(key, info, partMd5s, buffer, withCrc);
    } catch (error) {
      await store.delete(key).catch(() => undefined); // a bad object must not stay
      throw error;
    }
    return info;
  } catch (error) {
    await store.abortMultipart(key, uploadId).catch(() => undefined);
    throw error;
  }
}

/** The assembled object: multipart ETag formula (S3), else whole MD5 (local, s3rver), else CRC32C (GCS). */
function verifyAssembled(
  key: string,
  info: ObjectInfo,
  partMd5s: string[],
  buffer: Buffer,
  withCrc: boolean,
): void {
  const reported = normalizeEtag(info.etag);
  if (reported && multipartEtagParts(reported) !== undefined) {
    const formula = multipartEtag(partMd5s);
    if (formula !== reported)
      throw new ChecksumMismatchError(`assembled object '${key}'`, formula, reported);
    return;
  }
  if (knownMd5(info) || (withCrc && info.crc32c))
    verifyReported(`assembled object '${key}'`, info, sums(buffer, withCrc));
}

function assertSize(key: string, reported: number, expected: number): void {
  if (reported !== expected)
    throw new ChecksumMismatchError(`write of '${key}'`, `${expected} bytes`, `${reported} bytes`);
}

/**
 * Reads a whole object into memory, retrying transient failures, and checks the bytes against
 * the MD5 or CRC32C the store reports for it when it reports one (a bad read is retried).
 */
export function getObject(target: ObjectTarget, options: GetObjectOptions = {}): Promise<Buffer> {
  return withStore(target, options.storeOptions, async (store, key) => {
    const retry = options.retry ?? defaultRetryStrategy();
    return retry.run(
      async () => {
        const stream = await store.read(key);
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        const bytes = Buffer.concat(chunks);
        const info = await store.head(key);
        if (info) {
          assertSize(key, bytes.length, info.size);
          const expectMd5 = knownMd5(info);
          const got = sums(bytes, info.crc32c !== undefined);
          if (expectMd5 && expectMd5 !== got.md5)
            throw new ChecksumMismatchError(`read of '${key}'`, expectMd5, got.md5);
          if (info.crc32c && got.crc32c !== info.crc32c)
            throw new ChecksumMismatchError(`read of '${key}'`, info.crc32c, got.crc32c ?? '');
        }
        return bytes;
      },
      (event) => options.onRetry?.(`read ${key}`, event.error, event.delayMs),
    );
  });
}
