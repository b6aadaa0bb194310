import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Storage } from '@google-cloud/storage';
import { UsageError } from '@strata/cli';
import { GCS_STATS_PATH, startGcsServer, type TestServer } from '@strata/test-servers';
import { GcsStore, MULTIPART_PREFIX } from '../../src/stores/gcs/gcs-store.js';
import { openStore } from '../../src/stores/registry.js';
import { crc32cOf, md5Of, readAll } from '@strata/transfer/testing';

const MiB = 1024 * 1024;

describe('GCS store: resumable uploads, composed multipart, errors', () => {
  let server: TestServer;
  let store: GcsStore;
  const stats = async (): Promise<Record<string, number>> =>
    (await fetch(`${server.endpoint}${GCS_STATS_PATH}`)).json() as Promise<Record<string, number>>;

  beforeAll(async () => {
    server = await startGcsServer({ buckets: ['big'] });
    store = new GcsStore('big', { apiEndpoint: server.endpoint });
  });
  afterAll(() => server.stop());

  it('sends a large write of unknown size as a resumable upload in chunks, CRC32C checked', async () => {
    const data = randomBytes(19 * MiB);
    const before = (await stats())['upload:resumable-put'] ?? 0;
    const pieces = Array.from({ length: 19 }, (_, i) => data.subarray(i * MiB, (i + 1) * MiB));
    const info = await store.write('large/obj', Readable.from(pieces));
    expect(info.size).toBe(data.length);
    expect(info.crc32c).toBe(crc32cOf(data));
    expect(info.md5).toBe(md5Of(data));
    // 8 MiB chunks: two answered 308, the third finalized the object.
    expect((await stats())['upload:resumable-put']! - before).toBe(3);
    expect((await readAll(await store.read('large/obj'))).equals(data)).toBe(true);
  });

  it('leaves no object when a large source fails after chunks were already sent', async () => {
    const failing = Readable.from(
      (async function* () {
        for (let i = 0; i < 20; i++) yield randomBytes(MiB);
        throw new Error('source failed after 20 MiB');
      })(),
    );
    await expect(store.write('large/failed', failing)).rejects.toThrow();
    expect(await store.head('large/failed')).toBeNull();
  });

  it('composes more than 32 parts in a tree and removes every temporary object', async () => {
    const key = 'composed/obj';
    const parts = Array.from({ length: 70 }, () =>
      randomBytes(1_000 + Math.floor(Math.random() * 1_000)),
    );
    const uploadId = await store.createMultipart(key);
    const done = await Promise.all(
      parts.map((part, i) => store.uploadPart(key, uploadId, i + 1, part, part.length)),
    );
    const composesBefore = (await stats())['compose'] ?? 0;
    const info = await store.completeMultipart(key, uploadId, done.reverse());
    const whole = Buffer.concat(parts);
    expect(info.size).toBe(whole.length);
    expect(info.crc32c).toBe(crc32cOf(whole));
    expect(info.md5).toBeUndefined(); // composite objects have no MD5 on GCS
    expect((await stats())['compose']! - composesBefore).toBe(4); // 3 groups of ≤ 32, then 1
    expect((await readAll(await store.read(key))).equals(whole)).toBe(true);
    const [leftovers] = await new Storage({ apiEndpoint: server.endpoint })
      .bucket('big')
      .getFiles({ prefix: MULTIPART_PREFIX });
    expect(leftovers.map((f) => f.name)).toEqual([]);
  });

  it('refuses a part from an aborted upload', async () => {
    const uploadId = await store.createMultipart('aborted/obj');
    await store.abortMultipart('aborted/obj', uploadId);
    await expect(store.uploadPart('aborted/obj', uploadId, 1, Buffer.from('x'), 1)).rejects.toThrow(
      /does not exist/,
    );
  });

  it('names a missing bucket in a one-line UsageError', async () => {
    const { store: missing, key } = await openStore('gs://no-such-bucket/k', {
      gcs: { apiEndpoint: server.endpoint },
    });
    for (const call of [
      () => missing.read(key),
      () => missing.write(key, Readable.from([Buffer.from('x')])),
    ]) {
      const error: unknown = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toBe(
        "bucket 'gs://no-such-bucket' does not exist: create it or check the name and endpoint",
      );
    }
  });

  it('says how to provide credentials when application-default credentials are missing', async () => {
    const saved = { ...process.env };
    const home = await mkdtemp(join(tmpdir(), 'strata-no-gcloud-'));
    for (const name of [
      'GOOGLE_APPLICATION_CREDENTIALS',
      'GOOGLE_CLOUD_PROJECT',
      'GCLOUD_PROJECT',
      'STORAGE_EMULATOR_HOST',
    ]) {
      delete process.env[name];
    }
    Object.assign(process.env, {
      HOME: home,
      CLOUDSDK_CONFIG: home,
      METADATA_SERVER_DETECTION: 'none', // never probe the metadata server from a test
      GCE_METADATA_HOST: '127.0.0.1:9',
      HTTPS_PROXY: 'http://127.0.0.1:9', // and if anything tried the internet, it would hit a dead loopback port
    });
    try {
      const noCredentials = new GcsStore('some-bucket');
      for (const call of [() => noCredentials.head('k'), () => noCredentials.read('k')]) {
        const error: unknown = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UsageError);
        expect((error as Error).message).toMatch(
          /^no Google Cloud credentials found for gs:\/\/some-bucket: run 'gcloud auth application-default login'/,
        );
      }
    } finally {
      process.env = saved;
      await rm(home, { recursive: true, force: true });
    }
  });
});
