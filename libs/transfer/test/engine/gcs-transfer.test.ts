/**
 * The engine through the real @google-cloud/storage client against the GCS test server: a
 * composed (multipart) upload is checked by CRC32C, downloads come back byte for byte, and sync
 * skips what matches.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGcsServer, type TestServer } from '@strata/test-servers';
import { transfer } from '../../src/engine/api.js';
import type { TransferOptions } from '../../src/engine/options.js';
import { GcsStore } from '../../src/stores/gcs/gcs-store.js';
import { loadCrc32c } from '../../src/engine/checksum.js';

const MiB = 1024 * 1024;
let server: TestServer;
let root: string;

const run = (from: string, to: string, options: Partial<TransferOptions> = {}) =>
  transfer(
    from,
    to,
    { stateDir: join(root, 'state'), ...options },
    {},
    { gcs: { apiEndpoint: server.endpoint } },
  );

beforeAll(async () => {
  server = await startGcsServer({ buckets: ['bucket'] });
});
afterAll(() => server.stop());
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-gcs-transfer-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

it('uploads in parts, checks the composed object by CRC32C, downloads back and syncs', async () => {
  const src = join(root, 'src');
  await mkdir(src);
  const big = randomBytes(9 * MiB + 3);
  await writeFile(join(src, 'big.bin'), big);
  await writeFile(join(src, 'small.txt'), 'small');
  const options = { recursive: true, multipartThreshold: 4 * MiB, partSize: 4 * MiB };
  expect(await run(src, 'gs://bucket/up/', options)).toMatchObject({
    objects: 2,
    failed: [],
    partsSent: 3 + 1,
  });

  const Crc32c = await loadCrc32c();
  const crc = new Crc32c();
  crc.update(big);
  const head = await new GcsStore('bucket', { apiEndpoint: server.endpoint }).head('up/big.bin');
  expect(head?.crc32c).toBe(crc.toString());

  expect(await run('gs://bucket/up/', join(root, 'down'), options)).toMatchObject({
    objects: 2,
    failed: [],
  });
  expect((await readFile(join(root, 'down', 'big.bin'))).equals(big)).toBe(true);
  expect(await run(src, 'gs://bucket/up/', { ...options, mode: 'sync' })).toMatchObject({
    objects: 0,
    skipped: 2,
  });
});
