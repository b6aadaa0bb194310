import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, type CorpusManifest, type CorpusRecord } from '../../src/index.js';
import { parseSource } from '../../src/corpus/parse.js';
import { toProgram, type FunctionKind } from '../../src/corpus/program-form.js';

const NODE_MODULES = fileURLToPath(new URL('../../../../node_modules', import.meta.url));
// Direct dependencies of the workspace, so they are always installed: CommonJS, ESM and a class-heavy one.
const PACKAGES = ['picomatch', 'p-limit', 'cli-progress'];
// Seconds of CPU; minutes of wall time when the machine is shared.
const HEAVY_TIMEOUT_MS = 300_000;

let slice: string;
let out: string;
let manifest: CorpusManifest;
let records: CorpusRecord[];

beforeAll(async () => {
  // A node_modules of its own holding links to a few real packages (the walker follows links).
  slice = await mkdtemp(path.join(tmpdir(), 'contracode-slice-'));
  for (const name of PACKAGES) await symlink(path.join(NODE_MODULES, name), path.join(slice, name));
  out = path.join(slice, '.corpus');
  manifest = await buildCorpus({
    from: slice,
    out,
    variants: 1,
    transforms: 'all',
    seed: 1,
    minTokens: 16,
    maxTokens: 1024,
    maxFileBytes: 1024 * 1024,
    shardSize: 10_000,
    gzip: false,
    split: { train: 90, valid: 5, test: 5 },
    workers: 2,
    progress: false,
  });
  records = [];
  for (const shard of manifest.shards) {
    const text = await readFile(path.join(out, shard.name), 'utf8');
    for (const line of text.split('\n').filter((l) => l !== '')) records.push(JSON.parse(line) as CorpusRecord);
  }
}, HEAVY_TIMEOUT_MS);

afterAll(() => rm(slice, { recursive: true, force: true }));

describe('buildCorpus on real packages from node_modules', () => {
  it('parses the real files and extracts functions from every package', async () => {
    const candidates = manifest.files.seen - manifest.files.skippedDeclaration - manifest.files.skippedTooLarge;
    expect(manifest.files.parsed).toBeGreaterThan(0.8 * candidates);
    expect(manifest.functions.kept).toBeGreaterThan(50);
    expect(records).toHaveLength(manifest.functions.kept);
    const names = await Promise.all(
      PACKAGES.map(async (name) => (JSON.parse(await readFile(path.join(NODE_MODULES, name, 'package.json'), 'utf8')) as { name: string }).name),
    );
    expect(new Set(records.map((record) => record.package))).toEqual(new Set(names));
  });

  it('records the exact source of each function at its line', async () => {
    for (const record of records) {
      const file = await readFile(path.join(slice, record.file), 'utf8');
      expect(file.split('\n').slice(record.line - 1).join('\n')).toContain(record.source);
    }
  });

  it('augments nearly every real function into a variant that parses', () => {
    expect(manifest.variants.attempts).toBe(records.length);
    expect(manifest.variants.written).toBeGreaterThan(0.9 * records.length);
    expect(manifest.variants.failed).toBeLessThanOrEqual(0.01 * records.length);
    for (const record of records) {
      for (const variant of record.variants) {
        expect(() => parseSource(toProgram(record.kind as FunctionKind, variant), record.file)).not.toThrow();
      }
    }
  });
});
