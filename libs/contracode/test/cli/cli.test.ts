import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSource } from '../../src/corpus/parse.js';
import { copyFixtureTree } from '../corpus/fixture-tree.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const STRATA = path.join(REPO_ROOT, 'apps/strata/bin/strata.mjs');
// Each run starts the real binary (a few seconds of CPU); minutes of wall time when the machine is shared.
const SPAWN_TIMEOUT_MS = 300_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `strata` binary. */
function strata(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [STRATA, ...args], { cwd: REPO_ROOT, env: { ...process.env, CI: '1' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const PROGRAM = [
  'function add(first, second) {',
  '  const total = first + second;',
  '  return total;',
  '}',
  'console.log(add(1, 2));',
  '',
].join('\n');

let work: string;
let tree: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'contracode-cli-'));
  tree = await copyFixtureTree();
  await writeFile(path.join(work, 'add.js'), PROGRAM);
  await writeFile(path.join(work, 'typed.ts'), 'export function twice(value: number): number {\n  return value * 2;\n}\n');
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(tree, { recursive: true, force: true });
});

describe('strata code augment', () => {
  it('prints transformed code that parses, the same for the same seed', async () => {
    const [once, again] = await Promise.all([
      strata(['code', 'augment', '--in', path.join(work, 'add.js'), '--seed', '5']),
      strata(['code', 'augment', '--in', path.join(work, 'add.js'), '--seed', '5']),
    ]);
    expect(once.code).toBe(0);
    expect(once.stdout).toBe(again.stdout);
    expect(once.stdout).not.toBe(PROGRAM);
    expect(() => parseSource(once.stdout, 'out.js')).not.toThrow();
  }, SPAWN_TIMEOUT_MS);

  it('writes --out, reports with --json, and strips TypeScript types by extension', async () => {
    const out = path.join(work, 'typed.out.js');
    const run = await strata(['code', 'augment', '--in', path.join(work, 'typed.ts'), '--transforms', 'strip-types', '--seed', '1', '--out', out, '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { language: string; applied: string[]; out: string; code?: string };
    expect(report).toMatchObject({ language: 'ts', applied: ['strip-types'], out });
    expect(report.code).toBeUndefined();
    const written = await readFile(out, 'utf8');
    expect(written).toContain('function twice(value)');
    expect(written).not.toContain(': number');
    expect((await readdir(work)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, SPAWN_TIMEOUT_MS);

  it('rejects an unparsable file with file:line:col on one line, exit 2', async () => {
    const broken = path.join(tree, 'alpha/broken.js');
    const run = await strata(['code', 'augment', '--in', broken, '--seed', '1']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`${broken}:5:19:`);
  }, SPAWN_TIMEOUT_MS);

  it('rejects an unknown transform with the valid names on one line, exit 2', async () => {
    const run = await strata(['code', 'augment', '--in', path.join(work, 'add.js'), '--transforms', 'rename-variables,shuffle', '--seed', '1']);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/shuffle/);
    expect(run.stderr).toMatch(/rename-variables.*compress.*all/);
  }, SPAWN_TIMEOUT_MS);
});

describe('strata code corpus', () => {
  it('rejects a directory with no code on one line, exit 2, writing nothing', async () => {
    const empty = path.join(work, 'no-code');
    await mkdir(empty);
    await writeFile(path.join(empty, 'README.md'), '# nothing to see\n');
    const out = path.join(work, 'empty-corpus');
    const run = await strata(['code', 'corpus', 'build', '--from', empty, '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/no JavaScript or TypeScript files/);
    await expect(readdir(out)).rejects.toThrow();
  }, SPAWN_TIMEOUT_MS);

  it('builds a corpus, and stats reads and verifies it; a damaged shard fails --verify with exit 1 and says which', async () => {
    const out = path.join(work, 'corpus');
    const build = await strata(['code', 'corpus', 'build', '--from', tree, '--out', out, '--variants', '1', '--workers', '1', '--min-tokens', '10', '--gzip', '--json']);
    expect(build.code).toBe(0);
    const built = JSON.parse(build.stdout) as { manifest: { functions: { kept: number }; files: { skippedUnparsable: number }; shards: { name: string }[] } };
    expect(built.manifest.files.skippedUnparsable).toBe(1);

    const stats = await strata(['code', 'corpus', 'stats', out, '--verify', '--json']);
    expect(stats.code).toBe(0);
    const read = JSON.parse(stats.stdout) as { manifest: unknown; verification: { ok: boolean; shards: unknown[] } };
    expect(read.manifest).toEqual(built.manifest);
    expect(read.verification.ok).toBe(true);
    expect(read.verification.shards).toHaveLength(built.manifest.shards.length);

    const shard = path.join(out, built.manifest.shards[0]?.name ?? '');
    const bytes = await readFile(shard);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    await writeFile(shard, bytes);
    const damaged = await strata(['code', 'corpus', 'stats', out, '--verify']);
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toMatch(new RegExp(`${built.manifest.functions.kept} kept`)); // the text summary
    expect(damaged.stdout).toMatch(/sha256/);
    expect(damaged.stderr.trimEnd().split('\n')).toHaveLength(1);
  }, SPAWN_TIMEOUT_MS);

  it('says a directory without a manifest is not a corpus, exit 2', async () => {
    const run = await strata(['code', 'corpus', 'stats', work]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no manifest\.json/);
  }, SPAWN_TIMEOUT_MS);
});
