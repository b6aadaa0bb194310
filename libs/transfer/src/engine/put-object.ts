/**
 * Library-level put and get of one object (the checkpoint writer, the corpus builder and data
 * generators write bytes, not copies between stores). Built on the engine's parts: RetryStrategy
 * with classifyFailure for retries, planObject for multipart, and the same checksums the engine
 * checks after every write (MD5 where the store reports it, CRC32C where it reports that, part
 * ETags and the multipart ETag formula). A mismatch is an IntegrityError, so it is retried.
 */
import { Readable } from 'node:stream';
import pLimit from 'p-limit';
import { Crc32c, crc32cPartEtagOf, parseCrc32cPartEtag } from '../stores/crc32c.js';
import { openStore } from '../stores/registry.js';
import { md5Hex } from '../stores/hashing.js';
import type { ObjectInfo, ObjectStore, StoreOptions } from '../stores/types.js';
import { isMd5Etag, normalizeEtag } from './checksum.js';
import { planObject } from './chunks.js';
import { knownMd5 } from './diff.js';
import { ChecksumMismatchError } from './errors.js';
import { DEFAULT_TRANSFER_OPTIONS } from './options.js';
import { uploadsOf, verifyReported } from './pipeline.js';
import { defaultRetryStrategy, type RetryStrategy } from './retry.js';
import { MemoryUploadRecords, uploadInParts, type MultipartRun } from './routes/multipart.js';

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

interface Sums {
  md5: string;
  crc32c?: string;
  bytes: number;
}

function sums(bytes: Uint8Array, withCrc: boolean): Sums {
  const md5 = md5Hex(bytes);
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

  // In parts: the multipart route's executor, with the parts taken from memory.
  return uploadInParts(
    {
      destination: store,
      records: new MemoryUploadRecords(),
      parts: pLimit(options.concurrency ?? PART_CONCURRENCY),
      retrying: (what, _key, operation) => retrying(what, operation),
      sendPart: partFromMemory(store, key, buffer),
      wholeChecksums: async () => {
        // Asked only when the assembled object reports a whole-object checksum (local, s3rver, GCS).
        const whole = sums(buffer, withCrc);
        return whole.crc32c === undefined
          ? { md5: whole.md5 }
          : { md5: whole.md5, crc32c: whole.crc32c };
      },
      assertSourceUnchanged: async () => undefined, // bytes in memory do not change
      checksumSource: async (range) => ({
        md5: md5Hex(range ? buffer.subarray(range.start, range.end + 1) : buffer),
      }),
      onBytes: () => undefined,
      counters: { partsSent: 0, partsResumed: 0, partsRepaired: 0 },
      locate: (where) => store.locate?.(where) ?? `${store.uri}${where}`,
    },
    { key, size: buffer.length },
    plan,
  );
}

/**
 * Sends one part from memory. Each part is proven on arrival by its ETag: a CRC32C tag (local
 * store) or the part's MD5 (S3); the MD5s also make the multipart ETag formula checked after
 * completion.
 */
function partFromMemory(store: ObjectStore, key: string, buffer: Buffer): MultipartRun['sendPart'] {
  const uploads = uploadsOf(store);
  return async (chunk, uploadId) => {
    const bytes = buffer.subarray(chunk.offset, chunk.offset + chunk.length);
    const part = await uploads.uploadPart(key, uploadId, chunk.partNumber, bytes, chunk.length);
    const what = `part ${chunk.partNumber} of '${key}'`;
    if (parseCrc32cPartEtag(part.etag) !== undefined) {
      const sent = crc32cPartEtagOf(bytes);
      if (sent !== part.etag.replace(/"/g, ''))
        throw new ChecksumMismatchError(what, sent, part.etag);
      return { part, digests: { md5: '', bytes: chunk.length } };
    }
    const md5 = md5Hex(bytes);
    if (store.features.checksum === 'md5' && isMd5Etag(part.etag)) {
      const etag = normalizeEtag(part.etag) ?? '';
      if (etag !== md5) throw new ChecksumMismatchError(what, md5, etag);
    }
    return { part, digests: { md5, bytes: chunk.length } };
  };
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
