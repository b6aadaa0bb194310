import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildCorpus, readCorpusStats, splitOfPackage, type BuildCorpusOptions, type CorpusManifest, type CorpusRecord } from '../../src/index.js';
import { parseSource } from '../../src/corpus/parse.js';
import { toProgram, type FunctionKind } from '../../src/corpus/program-form.js';
import { copyFixtureTree } from './fixture-tree.js';

const SPLIT = { train: 34, valid: 33, test: 33 };
// Seconds of CPU; minutes of wall time when the machine is shared.
const HEAVY_TIMEOUT_MS = 300_000;

let tree: string;
let outRoot: string;

function options(out: string, overrides: Partial<BuildCorpusOptions> = {}): BuildCorpusOptions {
  return {
    from: tree,
    out,
    variants: 2,
    transforms: 'all',
    seed: 7,
    minTokens: 10,
    maxTokens: 1024,
    maxFileBytes: 1024 * 1024,
    shardSize: 4,
    gzip: false,
    split: SPLIT,
    workers: 2,
    progress: false,
    ...overrides,
  };
}

async function readShards(out: string, manifest: CorpusManifest): Promise<CorpusRecord[]> {
  const records: CorpusRecord[] = [];
  for (const shard of manifest.shards) {
    const bytes = await readFile(path.join(out, shard.name));
    const text = (shard.name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    for (const line of text.split('\n').filter((l) => l !== '')) records.push(JSON.parse(line) as CorpusRecord);
  }
  return records;
}

let first: { out: string; manifest: CorpusManifest; records: CorpusRecord[] };

beforeAll(async () => {
  tree = await copyFixtureTree();
  await symlink(tree, path.join(tree, 'alpha', 'loop')); // a symlink loop must not hang the walk
  outRoot = await mkdtemp(path.join(tmpdir(), 'contracode-out-'));
  const out = path.join(outRoot, 'first');
  const manifest = await buildCorpus(options(out));
  first = { out, manifest, records: await readShards(out, manifest) };
}, HEAVY_TIMEOUT_MS);

afterAll(async () => {
  await rm(tree, { recursive: true, force: true });
  await rm(outRoot, { recursive: true, force: true });
});

describe('buildCorpus on the fixture tree', () => {
  it('counts files seen, parsed and skipped as the fixture was built (see fixtures/README.md)', () => {
    expect(first.manifest.files).toEqual({
      seen: 9,
      parsed: 6,
      skippedDeclaration: 1,
      skippedTooLarge: 0,
      skippedAlias: 0,
      skippedMinified: 1,
      skippedUnparsable: 1,
      skippedUnreadable: 0,
    });
  });

  it('removes exactly the three planted duplicates, keeping the first in walk order', () => {
    const { functions } = first.manifest;
    expect(functions.duplicatesRemoved).toBe(3);
    expect(functions.kept).toBe(functions.found - functions.tooFewTokens - functions.tooManyTokens - 3);
    expect(functions.dedupRate).toBeCloseTo(3 / (functions.kept + 3), 10);
    const sources = first.records.map((record) => record.source);
    expect(sources.some((source) => source.startsWith('function totalPrice'))).toBe(true);
    expect(sources.some((source) => source.startsWith('function sumCosts'))).toBe(false);
    expect(sources.some((source) => source.startsWith('function mean'))).toBe(true);
    expect(sources.some((source) => source.startsWith('function average'))).toBe(false);
    expect(first.records.filter((record) => record.source.startsWith('function distance')).map((r) => r.file)).toEqual([
      'beta/build/esm/index.mjs',
    ]);
    expect(sources.some((source) => source.includes('value <= low'))).toBe(true); // same shape, other operator
    expect(sources.some((source) => source.startsWith('function tiny'))).toBe(false); // under --min-tokens
    expect(new Set(first.records.map((record) => record.id)).size).toBe(first.records.length);
  });

  it('extracts TypeScript, JSX, class and object methods with their exact source text', async () => {
    const kinds = new Set(first.records.map((record) => record.kind));
    expect(kinds).toEqual(new Set(['function-declaration', 'function-expression', 'arrow', 'class-method', 'object-method']));
    for (const record of first.records) {
      const file = await readFile(path.join(tree, record.file), 'utf8');
      expect(file).toContain(record.source);
      expect(file.split('\n')[record.line - 1]).toContain(record.source.split('\n')[0]);
    }
    expect(first.records.some((record) => record.file === 'beta/src/index.ts' && record.source.startsWith('private lookup'))).toBe(true);
    expect(first.records.some((record) => record.file === 'gamma/view.jsx')).toBe(true);
  });

  it('splits by package: every package in one split, the split its name hashes to', () => {
    const splitsOfPackage = new Map<string, Set<string>>();
    for (const record of first.records) {
      expect(record.split).toBe(splitOfPackage(record.package, SPLIT));
      splitsOfPackage.set(record.package, (splitsOfPackage.get(record.package) ?? new Set()).add(record.split));
    }
    expect([...splitsOfPackage.keys()].sort()).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    for (const splits of splitsOfPackage.values()) expect(splits.size).toBe(1);
    for (const split of ['train', 'valid', 'test'] as const) {
      expect(first.manifest.splits[split].functions).toBe(first.records.filter((r) => r.split === split).length);
      expect(first.manifest.splits[split].functions).toBeGreaterThan(0);
    }
  });

  it('writes shards whose bytes, line counts and names match the manifest', async () => {
    expect(first.manifest.shards.length).toBeGreaterThan(3); // shardSize 4 splits the larger splits
    for (const shard of first.manifest.shards) {
      const bytes = await readFile(path.join(first.out, shard.name));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(shard.sha256);
      expect(bytes.length).toBe(shard.bytes);
      expect(bytes.toString('utf8').split('\n').length - 1).toBe(shard.lines);
      expect(shard.lines).toBeLessThanOrEqual(4);
      expect(shard.name).toMatch(new RegExp(`^${shard.split}-\\d{5}\\.jsonl$`));
    }
    expect(first.records.length).toBe(first.manifest.functions.kept);
    const stats = await readCorpusStats(first.out, { verify: true });
    expect(stats.verification?.ok).toBe(true);
  });

  it('precomputes distinct variants that differ from the source and parse', () => {
    const { variants } = first.manifest;
    expect(variants.attempts).toBe(2 * first.records.length);
    expect(variants.written).toBe(first.records.reduce((sum, record) => sum + record.variants.length, 0));
    for (const record of first.records) {
      expect(new Set(record.variants).size).toBe(record.variants.length);
      for (const variant of record.variants) {
        expect(variant).not.toBe(record.source);
        expect(() => parseSource(toProgram(record.kind as FunctionKind, variant), record.file)).not.toThrow();
      }
      // Every non-JSX function here is plain, safe code: the transforms must change it.
      if (!record.file.endsWith('.jsx')) expect(record.variants.length).toBeGreaterThan(0);
    }
  });

  it('is deterministic for a seed whatever the worker count, and the seed matters', async () => {
    const sameOut = path.join(outRoot, 'same-seed-one-worker');
    const same = await buildCorpus(options(sameOut, { workers: 1 }));
    expect(same.shards).toEqual(first.manifest.shards);

    const otherOut = path.join(outRoot, 'other-seed-gzip');
    const other = await buildCorpus(options(otherOut, { seed: 8, gzip: true, workers: 1 }));
    const otherRecords = await readShards(otherOut, other);
    expect(other.shards.every((shard) => shard.name.endsWith('.jsonl.gz'))).toBe(true);
    expect(otherRecords.map((record) => record.source)).toEqual(first.records.map((record) => record.source));
    expect(otherRecords.map((record) => record.variants)).not.toEqual(first.records.map((record) => record.variants));
    const stats = await readCorpusStats(otherOut, { verify: true });
    expect(stats.verification?.ok).toBe(true);
  }, HEAVY_TIMEOUT_MS);
});
