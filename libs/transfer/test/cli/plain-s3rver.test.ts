/**
 * The CLI against s3rver as released (no fixes in front, as a user who installs it meets it):
 * the first-hour defects of issue 14 found there, each as a regression test.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  expectOneLineUsageError,
  PROCESS_TEST_TIMEOUT,
  runCli,
  s3CliWorkspace,
  type Run,
} from './run-cli.js';

const work = s3CliWorkspace({
  plain: true,
  buckets: ['root', 'data'],
  tempPrefix: 'strata-plain-s3rver-',
});
const cli = work.cli;

const listedKeys = (run: Run): string[] =>
  (JSON.parse(run.stdout) as { objects: { key: string }[] }).objects.map((o) => o.key);

it(
  'the bucket root is the whole bucket: ls lists it, cp -r copies it, sync skips and deletes there',
  async () => {
    const up = await cli(['sync', join(work.root, 'src'), 's3://root', '--json']);
    expect(JSON.parse(up.stdout)).toMatchObject({ objects: 2, failed: [] });
    await writeFile(join(work.root, 'extra.txt'), 'not in src');
    expect((await cli(['cp', join(work.root, 'extra.txt'), 's3://root/'])).code).toBe(0);

    for (const uri of ['s3://root', 's3://root/']) {
      const ls = await cli(['ls', uri, '--json']);
      expect(ls.code).toBe(0);
      expect(listedKeys(ls)).toEqual(['a.txt', 'extra.txt', 'sub/b.txt']);
    }
    const down = await cli(['cp', '-r', 's3://root', join(work.root, 'down')]);
    expect(down.code).toBe(0);
    expect((await readdir(join(work.root, 'down'), { recursive: true })).sort()).toEqual([
      'a.txt',
      'extra.txt',
      'sub',
      'sub/b.txt',
    ]);
    const again = await cli(['sync', '--delete', join(work.root, 'src'), 's3://root', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ objects: 0, skipped: 2, deleted: 1 });
    expect(listedKeys(await cli(['ls', 's3://root', '--json']))).toEqual(['a.txt', 'sub/b.txt']);
  },
  PROCESS_TEST_TIMEOUT,
);

it(
  'writes into a prefix that already holds objects (no truncated one-key probe)',
  async () => {
    expect((await cli(['cp', '-r', join(work.root, 'src'), 's3://data/p/'])).code).toBe(0);
    const second = await cli(['cp', '-r', join(work.root, 'src'), 's3://data/p/', '--json']);
    expect(second.stderr).toBe('');
    expect(JSON.parse(second.stdout)).toMatchObject({ objects: 2, failed: [] });
    const single = await cli(['cp', join(work.root, 'src', 'a.txt'), 's3://data/p/again.txt']);
    expect(single.code).toBe(0);
  },
  PROCESS_TEST_TIMEOUT,
);

const store = () => work.bucket('data');

it(
  'skips folder markers (zero-byte dir/ keys) when copying down, and never deletes them',
  async () => {
    const data = store();
    try {
      for (const [key, body] of [
        ['marked/', ''],
        ['marked/sub/', ''],
        ['marked/sub/f.txt', 'file'],
      ] as const)
        await data.write(key, Readable.from([Buffer.from(body)]));
    } finally {
      await data.close();
    }
    const down = await cli(['cp', '-r', 's3://data/marked/', join(work.root, 'down'), '--json']);
    expect(down.stderr).toBe('');
    expect(JSON.parse(down.stdout)).toMatchObject({ objects: 1, failed: [] });
    expect(await readdir(join(work.root, 'down'), { recursive: true })).toEqual([
      'sub',
      'sub/f.txt',
    ]);
    const sync = await cli([
      'sync',
      '--delete',
      join(work.root, 'down'),
      's3://data/marked/',
      '--json',
    ]);
    expect(JSON.parse(sync.stdout)).toMatchObject({ skipped: 1, deleted: 0 });
    expect(listedKeys(await cli(['ls', 's3://data/marked/', '--json']))).toEqual([
      'marked/',
      'marked/sub/',
      'marked/sub/f.txt',
    ]);
  },
  PROCESS_TEST_TIMEOUT,
);

it(
  "filters as rclone: '*.txt' matches in every directory; --exclude before the positionals; a bare --include is refused",
  async () => {
    await writeFile(join(work.root, 'src', 'sub', 'c.log'), 'log');
    const up = await cli([
      'cp',
      '-r',
      '--exclude',
      '*.txt',
      join(work.root, 'src'),
      's3://data/f/',
    ]);
    expect(up.code).toBe(0);
    expect(listedKeys(await cli(['ls', 's3://data/f/', '--json']))).toEqual(['f/sub/c.log']);
    const sync = await cli([
      'sync',
      '--delete',
      '--exclude',
      '*.log',
      join(work.root, 'src'),
      's3://data/f/',
      '--json',
    ]);
    expect(sync.code).toBe(0);
    // c.log is excluded on both sides: neither copied nor deleted.
    expect(JSON.parse(sync.stdout)).toMatchObject({ objects: 2, deleted: 0 });
    const only = await cli([
      'cp',
      '-r',
      join(work.root, 'src'),
      join(work.root, 'only'),
      '--include',
      'b.*',
    ]);
    expect(only.code).toBe(0);
    expect(await readdir(join(work.root, 'only'), { recursive: true })).toEqual([
      'sub',
      'sub/b.txt',
    ]);
    expectOneLineUsageError(
      await cli(['cp', '-r', join(work.root, 'src'), join(work.root, 'none'), '--include']),
      /--include needs a pattern/,
    );
  },
  PROCESS_TEST_TIMEOUT,
);

it(
  'refuses a mistyped scheme instead of writing a local file named after it',
  async () => {
    for (const typo of ['s3:/data/x.txt', 'gs:data/x.txt']) {
      const run = await runCli(
        ['cp', join(work.root, 'src', 'a.txt'), typo],
        { HOME: work.root },
        undefined,
        work.root,
      );
      expectOneLineUsageError(run, /looks like a mistyped URI: write (s3|gs):\/\/data\/x\.txt/);
    }
    expect((await readdir(work.root)).sort()).toEqual(['src']);
  },
  PROCESS_TEST_TIMEOUT,
);

it(
  'wrong keys: listing and HEAD are refused as an access problem naming the variables to check',
  async () => {
    const wrong = { AWS_ACCESS_KEY_ID: 'WRONG', AWS_SECRET_ACCESS_KEY: 'WRONG' };
    expectOneLineUsageError(
      await cli(['ls', 's3://data/'], wrong),
      /list s3:\/\/data\/: access denied \(InvalidAccessKeyId\).*AWS_ACCESS_KEY_ID/,
    );
    expectOneLineUsageError(
      await cli(['cp', join(work.root, 'src', 'a.txt'), 's3://data/w.txt'], wrong),
      /head s3:\/\/data\/w\.txt: access denied \(HTTP 403\).*AWS_ACCESS_KEY_ID/,
    );
  },
  PROCESS_TEST_TIMEOUT,
);

describe('flags and errors', () => {
  it(
    'refuses bad numbers and sizes in one line, exit 2',
    async () => {
      const a = join(work.root, 'src', 'a.txt');
      const cases: [string[], RegExp][] = [
        [
          ['--concurrency', 'four'],
          /--concurrency must be a whole number of at least 1, not 'four'/,
        ],
        [['--part-size', '-5MB'], /--part-size must be a positive size like 64MiB, not '-5MB'/],
        [['--part-size', '0'], /--part-size must be a positive size/],
        [
          ['--part-size', '1KB'],
          /--part-size 1000 B does not fit 's3:\/\/data\/n\.txt': .*5\.00 MiB to 5\.00 GiB/,
        ],
        [['--part-size', '6GB'], /--part-size 5\.59 GiB does not fit/],
      ];
      for (const [flags, message] of cases)
        expectOneLineUsageError(await cli(['cp', a, 's3://data/n.txt', ...flags]), message);
      expect(listedKeys(await cli(['ls', 's3://data/', '--json']))).not.toContain('n.txt');
    },
    PROCESS_TEST_TIMEOUT,
  );

  it(
    '`strata transfer` alone prints its help; ls of a missing prefix exits 1; --json failures print one error object',
    async () => {
      const alone = await cli([]);
      expect(alone.code).toBe(0);
      expect(alone.stdout).toMatch(/strata transfer cp <src> <dst>/);
      const missing = await cli(['ls', 's3://data/no-such-prefix/']);
      expect(missing.code).toBe(1);
      expect(missing.stderr.trim()).toBe("strata: nothing found under 's3://data/no-such-prefix/'");
      const json = await cli(['cp', join(work.root, 'missing.txt'), 's3://data/x', '--json']);
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stdout)).toEqual({
        error: { message: expect.stringMatching(/does not exist/), exitCode: 2 },
      });
    },
    PROCESS_TEST_TIMEOUT,
  );

  it(
    'names a count and a few keys of many failures, and writes every key to a file',
    async () => {
      for (let i = 0; i < 8; i += 1)
        await writeFile(join(work.root, 'src', 'sub', `f${i}.txt`), 'x');
      const dst = join(work.root, 'dst');
      await mkdir(dst);
      await writeFile(join(dst, 'sub'), 'a file where a directory is needed');
      const run = await cli([
        'cp',
        '-r',
        join(work.root, 'src'),
        dst,
        '--state-dir',
        join(work.root, 'state'),
      ]);
      expect(run.code).toBe(1);
      const last = run.stderr.trim().split('\n').at(-1) ?? '';
      expect(last).toMatch(
        /^strata: 9 object\(s\) failed: (\/\S+, ){4}\/\S+, \.\.\. \(every key and its error: .*failed-cp-.*\.txt\)$/,
      );
      const file = /every key and its error: (.*)\)$/.exec(last)?.[1] ?? '';
      expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(9);
    },
    PROCESS_TEST_TIMEOUT,
  );
});
