/**
 * The engine end to end between real directories (the local store): cp, sync, filters,
 * dry runs and the bad-input rules. Fast, so it covers the logic; S3 and the fault tests live in
 * s3-transfer.test.ts and the CLI tests.
 */
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@strata/cli';
import { transfer } from '../../src/engine/api.js';
import type { TransferOptions } from '../../src/engine/options.js';

let root: string;
let src: string;
let dst: string;
let stateDir: string;

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      out[path.slice(dir.length + 1)] = (await readFile(path)).toString('base64');
    }
  }
  return out;
}

const run = (from: string, to: string, options: Partial<TransferOptions> = {}) =>
  transfer(from, to, { stateDir, ...options });

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-transfer-'));
  src = join(root, 'src');
  dst = join(root, 'dst');
  stateDir = join(root, 'state');
  await mkdir(join(src, 'deep', 'er'), { recursive: true });
  await writeFile(join(src, 'a.txt'), 'alpha');
  await writeFile(join(src, 'b.json'), '{"b":1}');
  await writeFile(join(src, 'deep', 'c.bin'), randomBytes(300_000));
  await writeFile(join(src, 'deep', 'er', 'd.txt'), '');
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('cp', () => {
  it('copies a tree with --recursive, byte for byte, and reports it', async () => {
    const summary = await run(src, dst, { recursive: true });
    expect(await files(dst)).toEqual(await files(src));
    expect(summary).toMatchObject({ objects: 4, bytes: 5 + 7 + 300_000, failed: [], skipped: 0 });
    expect(summary.throughputMBps).toBeGreaterThan(0);
  });

  it('copies one file into a directory or to a new name', async () => {
    await mkdir(dst);
    await run(join(src, 'a.txt'), dst);
    await run(join(src, 'a.txt'), join(dst, 'renamed.txt'));
    expect(Object.keys(await files(dst)).sort()).toEqual(['a.txt', 'renamed.txt']);
  });

  it('applies --include and --exclude to keys relative to the source, as rclone', async () => {
    await run(src, join(dst, 'excluded'), { recursive: true, exclude: ['/deep/'] });
    expect(Object.keys(await files(join(dst, 'excluded'))).sort()).toEqual(['a.txt', 'b.json']);
    await run(src, join(dst, 'included'), { recursive: true, include: ['*.txt'] });
    expect(Object.keys(await files(join(dst, 'included'))).sort()).toEqual([
      'a.txt',
      'deep/er/d.txt',
    ]);
  });

  it('writes nothing with --dry-run and lists what it would do', async () => {
    const summary = await run(src, dst, { recursive: true, dryRun: true });
    await expect(readdir(dst)).rejects.toThrow();
    expect(summary.planned?.map((p) => p.action)).toEqual(['copy', 'copy', 'copy', 'copy']);
    // Each object's route is planned as data, and shown.
    expect(summary.planned?.map((p) => p.route)).toEqual(Array(4).fill('local-copy'));
    expect(summary.routes).toEqual({ 'local-copy': 4 });
  });

  it('copies a large file inside one filesystem without passing its bytes through (server-side copy)', async () => {
    // Same store: the store copies (copy_file_range/reflink), one request whatever the thresholds.
    await writeFile(join(src, 'big.bin'), randomBytes(5_000_000));
    const summary = await run(join(src, 'big.bin'), join(dst, 'big.bin'), {
      multipartThreshold: 1_000_000,
      partSize: 1_000_000,
    });
    expect(summary.partsSent).toBe(1);
    expect(
      (await readFile(join(dst, 'big.bin'))).equals(await readFile(join(src, 'big.bin'))),
    ).toBe(true);
  });
});

describe('sync', () => {
  it('copies only what is missing or differs, and deletes extras only with --delete', async () => {
    await run(src, dst, { mode: 'sync' });
    await writeFile(join(src, 'a.txt'), 'ALPHA'); // same size, different bytes: caught by checksum
    await writeFile(join(dst, 'extra.txt'), 'x');
    const second = await run(src, dst, { mode: 'sync' });
    expect(second).toMatchObject({ objects: 1, skipped: 3, deleted: 0 });
    expect(await readFile(join(dst, 'a.txt'), 'utf8')).toBe('ALPHA');
    const third = await run(src, dst, { mode: 'sync', deleteExtraneous: true });
    expect(third).toMatchObject({ objects: 0, skipped: 4, deleted: 1 });
    expect(await files(dst)).toEqual(await files(src));
  });

  it('plans deletions in a dry run without deleting', async () => {
    await run(src, dst, { mode: 'sync' });
    await writeFile(join(dst, 'extra.txt'), 'x');
    const summary = await run(src, dst, { mode: 'sync', deleteExtraneous: true, dryRun: true });
    expect(summary.planned).toEqual([
      { action: 'delete', destination: expect.stringMatching(/extra\.txt$/), size: 1 },
    ]);
    expect(await readFile(join(dst, 'extra.txt'), 'utf8')).toBe('x');
  });
});

describe('bad input', () => {
  it('refuses a destination inside the source', async () => {
    await expect(run(src, join(src, 'deep', 'copy'), { recursive: true })).rejects.toThrow(
      /inside the source/,
    );
    expect(await readdir(join(src, 'deep'))).toEqual(['c.bin', 'er']);
  });

  it('names a missing source and a prefix copied without --recursive', async () => {
    await expect(run(join(src, 'nope.txt'), dst)).rejects.toThrow(UsageError);
    await expect(run(src, dst)).rejects.toThrow(/--recursive/);
  });

  it('refuses to sync into a parent of the source with --delete', async () => {
    await expect(
      run(join(src, 'deep'), src, { mode: 'sync', deleteExtraneous: true }),
    ).rejects.toThrow(/--delete would remove/);
  });

  it('aborts a file that changes while it is read and writes nothing for it', async () => {
    const big = join(src, 'growing.bin');
    await writeFile(big, randomBytes(40 * 1024 * 1024));
    // Append while the copy reads: the guard sees a different size or mtime at the end.
    const appending = (async () => {
      for (let i = 0; i < 200; i += 1) {
        await appendFile(big, randomBytes(1024));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const summary = await run(big, join(dst, 'growing.bin'));
    await appending;
    expect(summary.failed).toEqual([
      expect.objectContaining({ key: expect.stringMatching(/growing\.bin$/), usage: true }),
    ]);
    expect(summary.failed[0]?.error).toMatch(/changed while it was read/);
    const left = await readdir(dst).catch(() => []);
    expect(left).toEqual([]); // no object, no temp file
  });
});
