/**
 * The CLI against the project's GCS test server through STORAGE_EMULATOR_HOST, written as the
 * Google client libraries document it (and the two forms users also write): reads, small
 * writes, resumable writes and listing all reach the server.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGcsServer, type TestServer } from '@strata/test-servers';
import { emulatorEndpoint } from '../../src/stores/gcs/gcs-store.js';
import { PROCESS_TEST_TIMEOUT, runCli } from './run-cli.js';

let server: TestServer;
let root: string;

beforeAll(async () => {
  server = await startGcsServer({ buckets: ['bucket'] });
});
afterAll(() => server.stop());
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-gcs-cli-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

it('reads STORAGE_EMULATOR_HOST as the Google client libraries do', () => {
  expect(emulatorEndpoint('http://127.0.0.1:4443')).toBe('http://127.0.0.1:4443');
  expect(emulatorEndpoint('127.0.0.1:4443')).toBe('http://127.0.0.1:4443');
  expect(emulatorEndpoint('http://127.0.0.1:4443/storage/v1/')).toBe('http://127.0.0.1:4443');
  expect(emulatorEndpoint('')).toBeUndefined();
  expect(emulatorEndpoint(undefined)).toBeUndefined();
});

it(
  'cp up (small and resumable), ls and cp down through the CLI, for each form of the variable',
  async () => {
    const src = join(root, 'src');
    await mkdir(src);
    const big = randomBytes(9 * 1024 * 1024 + 3); // above the 8 MiB resumable threshold
    await writeFile(join(src, 'big.bin'), big);
    await writeFile(join(src, 'small.txt'), 'small');
    const host = server.endpoint;
    const forms = [host, host.replace(/^http:\/\//, ''), `${host}/storage/v1`];
    for (const [index, form] of forms.entries()) {
      const env = { HOME: root, STORAGE_EMULATOR_HOST: form };
      const prefix = `gs://bucket/form${index}/`;
      const up = await runCli(['cp', '-r', src, prefix, '--json'], env);
      expect(up.stderr).toBe('');
      expect(JSON.parse(up.stdout)).toMatchObject({ objects: 2, failed: [] });
      const ls = await runCli(['ls', prefix, '--json'], env);
      expect(
        (JSON.parse(ls.stdout) as { objects: { key: string }[] }).objects.map((o) => o.key),
      ).toEqual([`form${index}/big.bin`, `form${index}/small.txt`]);
      const down = join(root, `down${index}`);
      expect((await runCli(['cp', '-r', prefix, down], env)).code).toBe(0);
      expect((await readFile(join(down, 'big.bin'))).equals(big)).toBe(true);
    }
  },
  PROCESS_TEST_TIMEOUT,
);
