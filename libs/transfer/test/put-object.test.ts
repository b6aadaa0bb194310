/**
 * putObject/getObject, the library API other libs write and read single objects through: real
 * local files and a real s3rver child process; corruption injected by store wrappers (a write
 * that flips a byte, a read that flips a byte), never by mocking the file system or the SDK.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { startS3Server, S3RVER_CREDENTIALS, type TestServer } from '@strata/test-servers';
import { ChecksumMismatchError } from '../src/engine/errors.js';
import { getObject, putObject } from '../src/engine/put-object.js';
import { defaultRetryStrategy } from '../src/engine/retry.js';
import { multipartEtag } from '../src/engine/checksum.js';
import { LocalStore } from '../src/stores/local/local-store.js';
import { S3Store } from '../src/stores/s3/s3-store.js';
import type { ByteRange, CompletedPart, ObjectInfo, WriteOptions } from '../src/stores/types.js';

const MiB = 1024 * 1024;
let root: string;
const fast = () => defaultRetryStrategy({ baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 });

function flipFirstByte(): Transform {
  let done = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!done && chunk.length > 0) {
        done = true;
        const copy = Buffer.from(chunk);
        copy[0] = (copy[0] as number) ^ 0xff;
        return callback(null, copy);
      }
      callback(null, chunk);
    },
  });
}

/** Writes damaged bytes `bad` times; reports what it really stored (MD5), as the local store does. */
class CorruptingWrites extends LocalStore {
  constructor(
    root: string,
    public bad: number,
  ) {
    super(root);
  }
  override write(key: string, body: Readable, opts?: WriteOptions): Promise<ObjectInfo> {
    return super.write(key, this.bad-- > 0 ? body.pipe(flipFirstByte()) : body, opts);
  }
}

/** Reads damaged bytes `bad` times; head reports the stored MD5 (as S3 does for single puts). */
class CorruptingReads extends LocalStore {
  constructor(
    root: string,
    public bad: number,
  ) {
    super(root);
  }
  override async read(key: string, range?: ByteRange): Promise<Readable> {
    const stream = await super.read(key, range);
    return this.bad-- > 0 ? stream.pipe(flipFirstByte()) : stream;
  }
  override async head(key: string): Promise<ObjectInfo | null> {
    const info = await super.head(key);
    if (!info) return null;
    const md5 = createHash('md5')
      .update(await readFile(this.pathOf(key)))
      .digest('hex');
    return { ...info, md5 };
  }
}

/** Stores damaged parts `bad` times; the local store tags what it really wrote (CRC32C). */
class CorruptingParts extends LocalStore {
  constructor(
    root: string,
    public bad: number,
  ) {
    super(root);
  }
  override uploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: Readable | Uint8Array,
    size: number,
  ): Promise<CompletedPart> {
    if (this.bad-- <= 0 || !(body instanceof Uint8Array))
      return super.uploadPart(key, uploadId, partNumber, body, size);
    const copy = Buffer.from(body);
    copy[0] = (copy[0] as number) ^ 0xff;
    return super.uploadPart(key, uploadId, partNumber, copy, size);
  }
}

/**
 * Part 1 fails for good at once; the other parts are still being written when it does. Records
 * how many part writes were unfinished when the upload was aborted.
 */
class FailingFirstPart extends LocalStore {
  inFlight = 0;
  inFlightAtAbort: number[] = [];
  override async uploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: Readable | Uint8Array,
    size: number,
  ): Promise<CompletedPart> {
    if (partNumber === 1) throw new ChecksumMismatchError(`part 1 of '${key}'`, 'a', 'b');
    this.inFlight += 1;
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return await super.uploadPart(key, uploadId, partNumber, body, size);
    } finally {
      this.inFlight -= 1;
    }
  }
  override abortMultipart(key: string, uploadId: string): Promise<void> {
    this.inFlightAtAbort.push(this.inFlight);
    return super.abortMultipart(key, uploadId);
  }
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-put-object-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('local files', () => {
  it('puts and gets by URI, whole and in parts, byte for byte', async () => {
    const small = randomBytes(1000);
    const large = randomBytes(3 * MiB + 11);
    const info = await putObject(join(root, 'a', 'small.bin'), small);
    expect(info).toMatchObject({ size: 1000 });
    await putObject(join(root, 'a', 'large.bin'), large, {
      multipartThreshold: MiB,
      partSize: MiB,
      storeOptions: { local: { fsync: true } },
    });
    expect((await getObject(join(root, 'a', 'small.bin'))).equals(small)).toBe(true);
    expect((await readFile(join(root, 'a', 'large.bin'))).equals(large)).toBe(true);
    expect((await getObject(join(root, 'a', 'large.bin'))).equals(large)).toBe(true);
    expect((await readdir(join(root, 'a'))).sort()).toEqual(['large.bin', 'small.bin']);
  });

  it('detects bytes stored wrongly, retries, and deletes an object that never landed right', async () => {
    const bytes = randomBytes(5000);
    const retried: string[] = [];
    const once = new CorruptingWrites(root, 1);
    await putObject({ store: once, key: 'x.bin' }, bytes, {
      retry: fast(),
      onRetry: (what) => retried.push(what),
    });
    expect(retried).toEqual(['write x.bin']);
    expect((await readFile(join(root, 'x.bin'))).equals(bytes)).toBe(true);

    const always = new CorruptingWrites(root, Number.POSITIVE_INFINITY);
    const put = putObject({ store: always, key: 'y.bin' }, bytes, { retry: fast() });
    await expect(put).rejects.toThrow(ChecksumMismatchError);
    await expect(put).rejects.toThrow(
      /^write of 'y\.bin': checksum mismatch \(expected [0-9a-f]{32}, got [0-9a-f]{32}\)$/,
    );
    expect(await readdir(root)).toEqual(['x.bin']);
  });

  it('proves each part by its CRC32C tag: a part stored wrongly is sent again, never assembled', async () => {
    const bytes = randomBytes(3 * MiB + 5);
    const sizing = { multipartThreshold: MiB, partSize: MiB, retry: fast() };
    const retried: string[] = [];
    await putObject({ store: new CorruptingParts(root, 1), key: 'p.bin' }, bytes, {
      ...sizing,
      concurrency: 1,
      onRetry: (what) => retried.push(what),
    });
    expect(retried).toEqual(['part 1 of p.bin']);
    expect((await readFile(join(root, 'p.bin'))).equals(bytes)).toBe(true);
    const put = putObject({ store: new CorruptingParts(root, 99), key: 'q.bin' }, bytes, sizing);
    await expect(put).rejects.toThrow(
      /^part \d of 'q\.bin': checksum mismatch \(expected crc32c-[0-9a-f]{8}, got crc32c-[0-9a-f]{8}\)$/,
    );
    expect(await readdir(root)).toEqual(['p.bin']); // the upload was aborted: no staging left
  });

  it('aborts a failed upload only after every part in flight has finished, so no staging is left', async () => {
    const store = new FailingFirstPart(root);
    const put = putObject({ store, key: 'r.bin' }, randomBytes(3 * MiB + 5), {
      multipartThreshold: MiB,
      partSize: MiB,
      concurrency: 4,
      retry: fast(),
    });
    await expect(put).rejects.toThrow(ChecksumMismatchError);
    // Aborted after each pass (a bad part is fetched once more), each time with nothing in flight.
    expect(store.inFlightAtAbort.length).toBeGreaterThan(0);
    expect(store.inFlightAtAbort.every((count) => count === 0)).toBe(true);
    expect(await readdir(root)).toEqual([]);
  });

  it('detects a damaged read against the checksum the store reports, and reads again', async () => {
    const bytes = randomBytes(7000);
    await putObject(join(root, 'r.bin'), bytes);
    const retried: string[] = [];
    const got = await getObject(
      { store: new CorruptingReads(root, 1), key: 'r.bin' },
      { retry: fast(), onRetry: (what) => retried.push(what) },
    );
    expect(got.equals(bytes)).toBe(true);
    expect(retried).toEqual(['read r.bin']);
    await expect(
      getObject({ store: new CorruptingReads(root, 9), key: 'r.bin' }, { retry: fast() }),
    ).rejects.toThrow(/^read of 'r\.bin': checksum mismatch/);
  });

  it('names a missing object without retrying it', async () => {
    const retried: string[] = [];
    await expect(
      getObject(join(root, 'nope.bin'), { onRetry: (what) => retried.push(what) }),
    ).rejects.toThrow(/nope\.bin/);
    expect(retried).toEqual([]);
  });
});

describe('S3 (s3rver)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startS3Server({ buckets: ['bucket'] });
  });
  afterAll(() => server.stop());

  it('puts in parts whose ETags prove each part and the whole, and gets it back verified', async () => {
    const store = new S3Store('bucket', {
      endpoint: server.endpoint,
      credentials: S3RVER_CREDENTIALS,
    });
    try {
      const bytes = randomBytes(11 * MiB + 3);
      const info = await putObject({ store, key: 'ckpt/shard.bin' }, bytes, {
        multipartThreshold: 5 * MiB,
        partSize: 5 * MiB,
      });
      const partMd5 = (start: number, end: number) =>
        createHash('md5').update(bytes.subarray(start, end)).digest('hex');
      const expected = multipartEtag([
        partMd5(0, 5 * MiB),
        partMd5(5 * MiB, 10 * MiB),
        partMd5(10 * MiB, bytes.length),
      ]);
      // s3rver reports either the multipart formula or the whole MD5: both are checked by putObject.
      expect([expected, createHash('md5').update(bytes).digest('hex')]).toContain(
        info.etag?.replace(/"/g, ''),
      );
      expect((await getObject({ store, key: 'ckpt/shard.bin' })).equals(bytes)).toBe(true);
      const manifest = await putObject(
        { store, key: 'ckpt/manifest.json' },
        Buffer.from('{"step":1}\n'),
      );
      expect(manifest.size).toBe(11);
    } finally {
      await store.close?.();
    }
  });
});
