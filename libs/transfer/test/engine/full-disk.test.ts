/**
 * A destination disk that fills up (a small tmpfs mounted for this test): the object fails with
 * one line that says the disk is full, and nothing stays behind to hold the space: no hidden
 * `.strata-mpu-*` staging folder of a download in parts, no temporary file, no resume record.
 * Mounting needs root (or CAP_SYS_ADMIN); without it the test is skipped with one line.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startS3Server, S3RVER_CREDENTIALS, type TestServer } from '@strata/test-servers';
import { transfer } from '../../src/engine/api.js';

const run = promisify(execFile);
const MiB = 1024 * 1024;

const root = await mkdtemp(join(tmpdir(), 'strata-full-disk-'));
const disk = join(root, 'disk');
await mkdir(disk);
const mounted = await run('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', disk]).then(
  () => true,
  (error: Error) => {
    process.stderr.write(
      `full-disk tests skipped: cannot mount a tmpfs here (${error.message.split('\n')[0]})\n`,
    );
    return false;
  },
);

let server: TestServer;
const s3 = () => ({ s3: { endpoint: server.endpoint, credentials: S3RVER_CREDENTIALS } });
const options = {
  stateDir: join(root, 'state'),
  multipartThreshold: 5 * MiB,
  partSize: 5 * MiB,
};

beforeAll(async () => {
  if (mounted) server = await startS3Server({ buckets: ['bucket'] });
});
afterAll(async () => {
  if (mounted) {
    await server.stop();
    await run('umount', [disk]);
  }
  await rm(root, { recursive: true, force: true });
});

const itWithTmpfs = mounted ? it : it.skip;

itWithTmpfs(
  'a download in parts onto a full disk leaves no staging folder and no resume record',
  async () => {
    await writeFile(join(root, 'big.bin'), randomBytes(20 * MiB));
    expect(
      await transfer(join(root, 'big.bin'), 's3://bucket/big.bin', {}, {}, s3()),
    ).toMatchObject({
      failed: [],
    });
    const summary = await transfer('s3://bucket/big.bin', `${disk}/`, options, {}, s3());
    expect(summary.failed).toEqual([
      expect.objectContaining({
        key: 's3://bucket/big.bin',
        // A download writes parts: the message says so (it said "upload part" before).
        error: expect.stringMatching(
          new RegExp(
            `^write part \\d+ of ${disk}/big\\.bin: ENOSPC \\(no space left on the device\\): free space`,
          ),
        ),
      }),
    ]);
    expect(await readdir(disk)).toEqual([]);
    const records = await readdir(options.stateDir).catch(() => []);
    for (const name of records) expect(name).not.toMatch(/\.json$/);
  },
);

itWithTmpfs('a whole-file copy onto a full disk leaves no temporary file', async () => {
  await writeFile(join(root, 'whole.bin'), randomBytes(12 * MiB));
  const summary = await transfer(join(root, 'whole.bin'), `${disk}/`, options);
  expect(summary.failed).toHaveLength(1);
  expect(summary.failed[0]?.error).toMatch(/ENOSPC \(no space left on the device\)/);
  expect(await readdir(disk)).toEqual([]);
});
