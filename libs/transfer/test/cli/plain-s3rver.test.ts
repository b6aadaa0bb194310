/**
 * The CLI against s3rver as released (no fixes in front, as a user who installs it meets it):
 * the first-hour defects of issue 14 found there, each as a regression test.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { s3Environment, startS3Server, type TestServer } from '@strata/test-servers';
import { PROCESS_TEST_TIMEOUT, runCli, type Run } from './run-cli.js';

let server: TestServer;
let root: string;

const cli = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> =>
  runCli(args, { HOME: root, ...s3Environment(server), ...env });

const listedKeys = (run: Run): string[] =>
  (JSON.parse(run.stdout) as { objects: { key: string }[] }).objects.map((o) => o.key);

beforeAll(async () => {
  server = await startS3Server({ plain: true, buckets: ['root', 'data'] });
});
afterAll(() => server.stop());
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-plain-s3rver-'));
  await mkdir(join(root, 'src', 'sub'), { recursive: true });
  await writeFile(join(root, 'src', 'a.txt'), 'alpha');
  await writeFile(join(root, 'src', 'sub', 'b.txt'), 'beta');
});
afterEach(() => rm(root, { recursive: true, force: true }));

it(
  'the bucket root is the whole bucket: ls lists it, cp -r copies it, sync skips and deletes there',
  async () => {
    const up = await cli(['sync', join(root, 'src'), 's3://root', '--json']);
    expect(JSON.parse(up.stdout)).toMatchObject({ objects: 2, failed: [] });
    await writeFile(join(root, 'extra.txt'), 'not in src');
    expect((await cli(['cp', join(root, 'extra.txt'), 's3://root/'])).code).toBe(0);

    for (const uri of ['s3://root', 's3://root/']) {
      const ls = await cli(['ls', uri, '--json']);
      expect(ls.code).toBe(0);
      expect(listedKeys(ls)).toEqual(['a.txt', 'extra.txt', 'sub/b.txt']);
    }
    const down = await cli(['cp', '-r', 's3://root', join(root, 'down')]);
    expect(down.code).toBe(0);
    expect((await readdir(join(root, 'down'), { recursive: true })).sort()).toEqual([
      'a.txt',
      'extra.txt',
      'sub',
      'sub/b.txt',
    ]);
    const again = await cli(['sync', '--delete', join(root, 'src'), 's3://root', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ objects: 0, skipped: 2, deleted: 1 });
    expect(listedKeys(await cli(['ls', 's3://root', '--json']))).toEqual(['a.txt', 'sub/b.txt']);
  },
  PROCESS_TEST_TIMEOUT,
);

it(
  'writes into a prefix that already holds objects (no truncated one-key probe)',
  async () => {
    expect((await cli(['cp', '-r', join(root, 'src'), 's3://data/p/'])).code).toBe(0);
    const second = await cli(['cp', '-r', join(root, 'src'), 's3://data/p/', '--json']);
    expect(second.stderr).toBe('');
    expect(JSON.parse(second.stdout)).toMatchObject({ objects: 2, failed: [] });
    const single = await cli(['cp', join(root, 'src', 'a.txt'), 's3://data/p/again.txt']);
    expect(single.code).toBe(0);
  },
  PROCESS_TEST_TIMEOUT,
);
