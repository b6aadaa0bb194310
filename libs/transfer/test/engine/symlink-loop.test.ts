/**
 * A source reached through a symbolic link whose real directory holds the destination: each sync
 * would copy the destination into itself one level deeper (neither rclone nor aws-cli notices).
 * The engine resolves links before comparing the two and refuses in one line, writing nothing.
 */
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@strata/cli';
import { transfer } from '../../src/engine/api.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-symlink-loop-'));
  await mkdir(join(root, 'data'));
  await mkdir(join(root, 'home'));
  await writeFile(join(root, 'data', 'f.txt'), 'x');
  await symlink(join(root, 'data'), join(root, 'home', 'link'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

it('refuses a sync from a link into a directory inside what the link leads to', async () => {
  const run = () =>
    transfer(join(root, 'home', 'link'), join(root, 'data', 'backup'), {
      mode: 'sync',
      stateDir: join(root, 'state'),
    });
  await expect(run()).rejects.toThrow(UsageError);
  await expect(run()).rejects.toThrow(
    /^destination '.*\/data\/backup' is inside the source '.*\/home\/link' through a symbolic link \(the source is \/.*\/data\/, the destination \/.*\/data\/backup\/\): choose a destination outside it$/,
  );
  expect(await readdir(join(root, 'data'))).toEqual(['f.txt']);
});

it('refuses --delete when the destination, through a link, holds the source', async () => {
  await mkdir(join(root, 'data', 'inner'));
  await expect(
    transfer(join(root, 'data', 'inner'), join(root, 'home', 'link'), {
      mode: 'sync',
      deleteExtraneous: true,
      stateDir: join(root, 'state'),
    }),
  ).rejects.toThrow(/--delete would remove the source/);
  expect((await readdir(join(root, 'data'))).sort()).toEqual(['f.txt', 'inner']);
});

it('still syncs from a link to a directory elsewhere', async () => {
  const summary = await transfer(join(root, 'home', 'link'), join(root, 'copy'), {
    mode: 'sync',
    stateDir: join(root, 'state'),
  });
  expect(summary).toMatchObject({ objects: 1, failed: [] });
});
