/**
 * The ContraCode corpus benchmark (issue 6's "must show"): a corpus from this machine's node_modules
 * — files seen/parsed/skipped, functions found, dedup rate, split sizes — and the augmentation
 * throughput (functions/s) on the machine's cores.
 *
 * Three passes, because augmenting every function of node_modules takes far over ten minutes on two
 * cores (see results.md):
 *   1. the whole repository node_modules, extraction only (K = 0): every count of the corpus;
 *   2. a representative part, K = 0 then 3. the same part with K variants per function: the packages
 *      whose name hashes into the first --sample-percent of the hash space (an unbiased, deterministic
 *      draw of packages), linked into a temporary directory. 3 minus 2 is the augmentation alone.
 * The machine is shared, so besides wall time each pass records the CPU time of the process (main
 * thread and workers): functions per CPU-second times the worker count is the throughput the pool
 * would reach on that many unshared cores.
 *
 * Run from the repo root: npx tsx benchmarks/contracode-corpus/run.ts [--variants 2]
 *   [--sample-percent 5] [--workers N] [--skip-full]. Writes results.json here (results.md is written
 *   by hand from it); corpora go to a temporary directory and are deleted. --skip-full reruns only the
 *   sample and keeps the whole-node_modules pass of the existing results.json, marked with its date.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCorpus, DEFAULT_SPLIT, type BuildCorpusOptions, type CorpusManifest } from '@strata/contracode';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const nodeModules = path.join(repoRoot, 'node_modules');

const { values } = parseArgs({
  options: {
    variants: { type: 'string', default: '2' },
    'sample-percent': { type: 'string', default: '5' },
    workers: { type: 'string', default: String(os.availableParallelism()) },
    'skip-full': { type: 'boolean', default: false },
  },
});
const variants = Number(values.variants);
const samplePercent = Number(values['sample-percent']);
const workers = Number(values.workers);

interface Pass {
  name: string;
  from: string;
  packages?: number;
  manifest: CorpusManifest;
  wallSeconds: number;
  /** User + system CPU seconds of this process (all threads) during the pass. */
  cpuSeconds: number;
  loadBefore: number[];
  loadAfter: number[];
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    logicalCpus: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

function buildOptions(from: string, out: string, k: number): BuildCorpusOptions {
  return {
    from,
    out,
    variants: k,
    transforms: 'all',
    seed: 0,
    minTokens: 16,
    maxTokens: 1024,
    maxFileBytes: 1024 * 1024,
    shardSize: 10_000,
    gzip: true,
    split: DEFAULT_SPLIT,
    workers,
    progress: process.stderr.isTTY === true,
  };
}

async function runPass(name: string, from: string, k: number, scratch: string): Promise<Pass> {
  const loadBefore = os.loadavg();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const manifest = await buildCorpus(buildOptions(from, path.join(scratch, name), k));
  const cpu = process.cpuUsage(cpuBefore);
  const wallSeconds = (performance.now() - started) / 1000;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stderr.write(
    `${name}: ${manifest.functions.kept} functions in ${wallSeconds.toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU\n`,
  );
  return { name, from, manifest, wallSeconds, cpuSeconds, loadBefore, loadAfter: os.loadavg() };
}

/** Top-level packages of node_modules (scoped ones as @scope/name), by directory name. */
function topLevelPackages(): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@')) {
      for (const inner of readdirSync(path.join(nodeModules, entry.name))) names.push(`${entry.name}/${inner}`);
    } else if (entry.isDirectory() || entry.isSymbolicLink()) {
      names.push(entry.name);
    }
  }
  // Our own workspace packages are linked into node_modules; they are not third-party code.
  return names.filter((name) => !name.startsWith('@strata/') && existsSync(path.join(nodeModules, name, 'package.json'))).sort();
}

function inSample(name: string): boolean {
  const fraction = createHash('sha256').update(`sample:${name}`).digest().readUInt32BE(0) / 2 ** 32;
  return fraction * 100 < samplePercent;
}

function summary(pass: Pass) {
  const { files, functions, variants: v, splits, run } = pass.manifest;
  const kept = functions.kept;
  return {
    name: pass.name,
    packages: pass.packages,
    wallSeconds: round(pass.wallSeconds, 1),
    cpuSeconds: round(pass.cpuSeconds, 1),
    files,
    functions,
    splits,
    variants: { written: v.written, attempts: v.attempts, unchanged: v.unchanged, failed: v.failed, functionsWithoutVariant: v.functionsWithoutVariant },
    skipReasons: v.skipReasons,
    failureReasons: v.failureReasons,
    workers: run.workers,
    extractWorkerSeconds: round(run.extractWorkerSeconds, 1),
    augmentWorkerSeconds: round(run.augmentWorkerSeconds, 1),
    functionsPerSecondWall: round(kept / pass.wallSeconds, 1),
    /** On `workers` unshared cores: functions per CPU-second of the whole build, times the workers. */
    functionsPerSecondOnWorkerCores: round((kept / pass.cpuSeconds) * run.workers, 1),
    /** Functions over the workers' augmentation wall time spread across the pool (inflated when the machine is shared). */
    functionsPerSecondAugmentWorkerWall: run.augmentWorkerSeconds > 0 ? round(kept / (run.augmentWorkerSeconds / run.workers), 1) : undefined,
    variantsPerSecondAugmentWorkerWall: run.augmentWorkerSeconds > 0 ? round(v.attempts / (run.augmentWorkerSeconds / run.workers), 1) : undefined,
    filesPerSecondExtract: round(files.parsed / (run.extractWorkerSeconds / run.workers), 1),
    loadBefore: pass.loadBefore.map((x) => round(x, 1)),
    loadAfter: pass.loadAfter.map((x) => round(x, 1)),
  };
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

const scratch = await mkdtemp(path.join(os.tmpdir(), 'contracode-corpus-bench-'));
const passes: Pass[] = [];
/** The sample's K-variant pass minus its K = 0 pass: augmentation alone. */
let augmentation: Record<string, number> | undefined;
try {
  if (!values['skip-full']) passes.push(await runPass('full-node_modules-K0', nodeModules, 0, scratch));
  const sampleDir = path.join(scratch, 'sample-node_modules');
  const sample = topLevelPackages().filter(inSample);
  await mkdir(sampleDir, { recursive: true });
  for (const name of sample) {
    const link = path.join(sampleDir, name);
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(path.join(nodeModules, name), link);
  }
  const baseline = await runPass(`sample-${samplePercent}pct-K0`, sampleDir, 0, scratch);
  const sampled = await runPass(`sample-${samplePercent}pct-K${variants}`, sampleDir, variants, scratch);
  baseline.packages = sample.length;
  sampled.packages = sample.length;
  passes.push(baseline, sampled);
  augmentation = {
    functions: sampled.manifest.functions.kept,
    variantAttempts: sampled.manifest.variants.attempts,
    cpuSeconds: round(sampled.cpuSeconds - baseline.cpuSeconds, 1),
    wallSeconds: round(sampled.wallSeconds - baseline.wallSeconds, 1),
    workers: sampled.manifest.run.workers,
    functionsPerSecondOnWorkerCores: round(
      (sampled.manifest.functions.kept / (sampled.cpuSeconds - baseline.cpuSeconds)) * sampled.manifest.run.workers,
      1,
    ),
    functionsPerSecondWall: round(sampled.manifest.functions.kept / (sampled.wallSeconds - baseline.wallSeconds), 1),
  };
  writeFileSync(path.join(here, 'sample-packages.txt'), `${sample.join('\n')}\n`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}

const resultsFile = path.join(here, 'results.json');
const carried: unknown[] = [];
if (values['skip-full'] && existsSync(resultsFile)) {
  const previous = JSON.parse(readFileSync(resultsFile, 'utf8')) as { date: string; passes: { name: string }[] };
  for (const pass of previous.passes.filter((p) => p.name.startsWith('full-'))) carried.push({ ...pass, carriedOverFrom: previous.date });
}
const results = {
  date: new Date().toISOString(),
  machine: machine(),
  options: { variants, samplePercent, workers, minTokens: 16, maxTokens: 1024, maxFileBytes: '1 MiB', transforms: 'all', seed: 0 },
  passes: [...carried, ...passes.map(summary)],
  augmentation,
};
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
