/**
 * The local → S3 fast path for small files (engine/routes/small-upload.ts) against s3rver: exact bytes
 * land; a PUT whose stored bytes differ from what was read (injected by a store wrapper) is caught
 * by the ETag, deleted and sent again; a file modified while it is read is reported, not sent.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startS3Server, S3RVER_CREDENTIALS, type TestServer } from '@strata/test-servers';
import { DEFAULT_TRANSFER_OPTIONS } from '../../src/engine/options.js';
import { runTransfer } from '../../src/engine/transfer.js';
import { LocalStore } from '../../src/stores/local/local-store.js';
import { S3Store } from '../../src/stores/s3/s3-store.js';
import type { ObjectInfo, ObjectStore } from '../../src/stores/types.js';

const md5 = (data: Uint8Array) => createHash('md5').update(data).digest();

/** The first PUT of every key stores other bytes than it was given (a consistent MD5 for them). */
class DamagingPuts extends S3Store {
  readonly damaged = new Set<string>();
  override putBuffer(key: string, data: Uint8Array, digest: Buffer): Promise<ObjectInfo> {
    if (this.damaged.has(key)) return super.putBuffer(key, data, digest);
    this.damaged.add(key);
    const other = Buffer.from(data);
    other[0] = (other[0] ?? 0) ^ 0xff;
    return super.putBuffer(key, other, md5(other));
  }
}

/** Touches the file it just read (as a writer would between the listing and the read's end). */
class TouchedWhileRead extends LocalStore {
  override readFullySync(fd: number, into: Buffer, position: number): number {
    const read = super.readFullySync(fd, into, position);
    utimesSync(join(root, 'src', 'f0.bin'), new Date(), new Date(Date.now() + 5000));
    return read;
  }
}

let server: TestServer;
let root: string;
const files = new Map<string, Buffer>();
const s3 = () =>
  new S3Store('bucket', { endpoint: server.endpoint, credentials: S3RVER_CREDENTIALS });

beforeAll(async () => {
  server = await startS3Server({ buckets: ['bucket'] });
});
afterAll(() => server.stop());
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-small-upload-'));
  await mkdir(join(root, 'src', 'sub'), { recursive: true });
  files.clear();
  for (let i = 0; i < 10; i += 1) {
    const key = `${i % 4 === 3 ? 'sub/' : ''}f${i}.bin`;
    const data = randomBytes(i === 0 ? 0 : 500 + i * 10007);
    files.set(key, data);
    await writeFile(join(root, 'src', key), data);
  }
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function upload(source: ObjectStore, destination: S3Store, prefix: string) {
  try {
    return await runTransfer(
      { store: source, key: `${join(root, 'src').slice(1)}/`, uri: join(root, 'src') },
      { store: destination, key: prefix, uri: `s3://bucket/${prefix}` },
      { ...DEFAULT_TRANSFER_OPTIONS, recursive: true, stateDir: join(root, 'state') },
    );
  } finally {
    await destination.close();
  }
}

async function expectStored(prefix: string): Promise<void> {
  const store = s3();
  for (const [key, data] of files) {
    const chunks: Buffer[] = [];
    for await (const chunk of await store.read(`${prefix}${key}`)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
  }
  await store.close();
}

it('uploads small files byte for byte, verified by the ETag', async () => {
  const summary = await upload(new LocalStore('/'), s3(), 'exact/');
  expect(summary).toMatchObject({ objects: files.size, failed: [], retries: 0 });
  await expectStored('exact/');
});

it('catches stored bytes that differ from those read, and sends them again', async () => {
  const destination = new DamagingPuts('bucket', {
    endpoint: server.endpoint,
    credentials: S3RVER_CREDENTIALS,
  });
  const summary = await upload(new LocalStore('/'), destination, 'damaged/');
  expect(destination.damaged.size).toBe(files.size);
  // An empty file has no byte to damage: every other one is caught once.
  const damageable = [...files.values()].filter((data) => data.length > 0).length;
  expect(summary).toMatchObject({ objects: files.size, failed: [], retries: damageable });
  await expectStored('damaged/');
});

it('reports a file modified while it was read and does not send it', async () => {
  const summary = await upload(new TouchedWhileRead('/'), s3(), 'touched/');
  expect(summary.failed).toEqual([
    expect.objectContaining({ key: expect.stringMatching(/f0\.bin$/), usage: true }),
  ]);
  const store = s3();
  expect(await store.head('touched/f0.bin')).toBeNull();
  await store.close();
});
