/**
 * The transfer CLI as users run it (a real `strata` process): bad input is one line on stderr,
 * exit 2 and nothing written; a failed object is named and makes the exit code 1; --json prints
 * the summary; ls lists.
 */
import { appendFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { TransferSummary } from '../../src/engine/options.js';
import { expectOneLineUsageError, PROCESS_TEST_TIMEOUT, s3CliWorkspace } from './run-cli.js';

const work = s3CliWorkspace({ buckets: ['bucket'], tempPrefix: 'strata-transfer-cli-' });
const cli = work.cli;
const bucket = () => work.bucket('bucket');

describe('bad input: one line, exit 2, nothing written', () => {
  it(
    'an unknown scheme',
    async () => {
      const run = await cli(['cp', 'ftp://host/file', join(work.root, 'out')]);
      expectOneLineUsageError(run, /unknown scheme 'ftp:\/\/'/);
      expect(await readdir(work.root)).toEqual(['src']);
    },
    PROCESS_TEST_TIMEOUT,
  );

  it(
    'a missing bucket',
    async () => {
      const run = await cli(['cp', join(work.root, 'src', 'a.txt'), 's3://no-such-bucket/a.txt']);
      expectOneLineUsageError(run, /no-such-bucket/);
    },
    PROCESS_TEST_TIMEOUT,
  );

  it(
    'no credentials',
    async () => {
      const run = await cli(['cp', join(work.root, 'src', 'a.txt'), 's3://bucket/nocreds/a.txt'], {
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
      });
      expectOneLineUsageError(run, /credential/i);
      expect(await bucket().head('nocreds/a.txt')).toBeNull();
    },
    PROCESS_TEST_TIMEOUT,
  );

  it(
    'a destination inside the source',
    async () => {
      const run = await cli([
        'cp',
        '--recursive',
        join(work.root, 'src'),
        join(work.root, 'src', 'sub', 'copy'),
      ]);
      expectOneLineUsageError(run, /inside the source/);
      expect((await readdir(join(work.root, 'src'), { recursive: true })).sort()).toEqual([
        'a.txt',
        'sub',
        'sub/b.txt',
      ]);
    },
    PROCESS_TEST_TIMEOUT,
  );

  it(
    'a file that changes while it is read: its upload is aborted, nothing appears',
    async () => {
      const growing = join(work.root, 'growing.bin');
      await writeFile(growing, randomBytes(48 * 1024 * 1024));
      const run = await cli(
        [
          'cp',
          growing,
          's3://bucket/changing/growing.bin',
          '--part-size',
          '8MiB',
          '--multipart-threshold',
          '8MiB',
          '--state-dir',
          join(work.root, 'state'),
        ],
        {},
        async () => {
          await appendFile(growing, randomBytes(1024));
          await new Promise((resolve) => setTimeout(resolve, 5));
        },
      );
      // The AWS SDK itself warns once per interrupted streaming part (console.warn in its retry
      // middleware); everything else on stderr is strata's single line.
      const lines = run.stderr
        .trim()
        .split('\n')
        .filter(
          (line) => line !== 'An error was encountered in a non-retryable streaming request.',
        );
      expect(lines).toEqual([
        expect.stringMatching(/^strata: source '.*growing\.bin' changed while it was read/),
      ]);
      expect(run.code).toBe(2);
      expect(await bucket().head('changing/growing.bin')).toBeNull();
    },
    PROCESS_TEST_TIMEOUT,
  );

  it(
    'a flag that is not a size',
    async () => {
      const run = await cli([
        'cp',
        join(work.root, 'src', 'a.txt'),
        join(work.root, 'out.txt'),
        '--part-size',
        'big',
      ]);
      expectOneLineUsageError(run, /--part-size 'big' is not a size/);
    },
    PROCESS_TEST_TIMEOUT,
  );
});

it(
  'names a failed object on stderr, copies the rest and exits 1',
  async () => {
    const dst = join(work.root, 'dst');
    await mkdir(dst);
    await writeFile(join(dst, 'sub'), 'a file where a directory is needed');
    const run = await cli(['cp', '-r', join(work.root, 'src'), dst, '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/failed: .*sub\/b\.txt/);
    const summary = JSON.parse(run.stdout) as TransferSummary;
    expect(summary).toMatchObject({
      objects: 1,
      failed: [expect.objectContaining({ key: expect.stringMatching(/sub\/b\.txt$/) })],
    });
    expect((await readdir(dst)).sort()).toEqual(['a.txt', 'sub']);
  },
  PROCESS_TEST_TIMEOUT,
);

it(
  'copies with --json, lists with ls, and a second sync skips everything',
  async () => {
    const up = await cli(['cp', '-r', join(work.root, 'src'), 's3://bucket/cli/', '--json']);
    expect(up.code).toBe(0);
    expect(JSON.parse(up.stdout)).toMatchObject({ objects: 2, bytes: 9, failed: [], retries: 0 });
    const ls = await cli(['ls', 's3://bucket/cli/', '--json']);
    expect(
      (JSON.parse(ls.stdout) as { objects: { key: string }[] }).objects.map((o) => o.key),
    ).toEqual(['cli/a.txt', 'cli/sub/b.txt']);
    const sync = await cli(['sync', join(work.root, 'src'), 's3://bucket/cli/', '--json']);
    expect(JSON.parse(sync.stdout)).toMatchObject({ objects: 0, skipped: 2 });
  },
  PROCESS_TEST_TIMEOUT,
);
