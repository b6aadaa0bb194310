/**
 * The corpus build's variant yield: how many functions get at least two distinct augmented variants
 * (K = 2, `all` transforms), on a fixed subset of this repository's node_modules. Issue 16 asks for
 * it before and after the transform fixes, on the same code, so the library to measure is a
 * parameter: `--lib` points at a libs/contracode checkout (e.g. a `git worktree` of the older commit).
 *
 * Run from the repo root:
 *   npx tsx benchmarks/contracode-semantics/variant-yield.ts [--lib libs/contracode] [--label after]
 *     [--packages benchmarks/contracode-semantics/yield-packages.txt] [--workers 2] [--out FILE.json]
 */
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createGunzip } from 'node:zlib';
import type * as Contracode from '@strata/contracode';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const { values } = parseArgs({
  options: {
    lib: { type: 'string', default: path.join(repoRoot, 'libs/contracode') },
    label: { type: 'string', default: 'after' },
    packages: { type: 'string', default: path.join(here, 'yield-packages.txt') },
    workers: { type: 'string', default: String(os.availableParallelism()) },
    out: { type: 'string' },
  },
});

interface CorpusRecord {
  id: string;
  variants: string[];
}

async function* records(directory: string): AsyncGenerator<CorpusRecord> {
  for (const name of (await readdir(directory)).filter((n) => /\.jsonl(\.gz)?$/.test(n)).sort()) {
    const raw = createReadStream(path.join(directory, name));
    const input = name.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
    for await (const line of createInterface({ input, crlfDelay: Infinity })) if (line.trim()) yield JSON.parse(line) as CorpusRecord;
  }
}

const packages = (await readFile(values.packages, 'utf8')).split('\n').map((l) => l.trim()).filter(Boolean);
const library = (await import(pathToFileURL(path.join(path.resolve(values.lib), 'src/index.ts')).href)) as typeof Contracode;
const scratch = await mkdtemp(path.join(os.tmpdir(), 'strata-yield-'));
try {
  const from = path.join(scratch, 'node_modules');
  for (const name of packages) {
    await mkdir(path.dirname(path.join(from, name)), { recursive: true });
    await symlink(path.join(repoRoot, 'node_modules', name), path.join(from, name));
  }
  const out = path.join(scratch, 'corpus');
  const load = os.loadavg();
  const started = performance.now();
  const manifest = await library.buildCorpus({
    ...library.BUILD_DEFAULTS,
    from,
    out,
    variants: 2,
    transforms: 'all',
    seed: 0,
    split: library.DEFAULT_SPLIT,
    workers: Number(values.workers),
    progress: false,
  });
  const wallSeconds = (performance.now() - started) / 1000;
  const histogram = [0, 0, 0];
  for await (const record of records(out)) histogram[Math.min(2, new Set(record.variants).size)]! += 1;
  const result = {
    label: values.label,
    lib: path.resolve(values.lib),
    packages: packages.length,
    functions: manifest.functions.kept,
    withTwoOrMoreVariants: histogram[2],
    withOneVariant: histogram[1],
    withNoVariant: histogram[0],
    yield: histogram[2]! / Math.max(1, manifest.functions.kept),
    variants: manifest.variants,
    wallSeconds: Math.round(wallSeconds),
    loadAtStart: load.map((l) => Math.round(l * 100) / 100),
    machine: { cpus: os.availableParallelism(), memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    date: new Date().toISOString(),
  };
  const text = `${JSON.stringify(result, null, 2)}\n`;
  if (values.out) await writeFile(values.out, text);
  process.stdout.write(text);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
