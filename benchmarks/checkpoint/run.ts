/**
 * Checkpoint benchmark (issue 7): the training stall per checkpoint with the asynchronous writer
 * (snapshot into host memory, write in a worker thread) against a synchronous save (the step
 * waits for the whole write), for models of 10 MB to 1 GB of float32 weights, to local disk and
 * to the S3 test server (s3rver, a child process on loopback).
 *
 * The trainer is the real one (`train()` on `mlp-bytes:SIZE`, SGD so the checkpoint is the
 * weights, cpu backend), 5 steps with checkpoints at steps 2 and 4 (during training: the stall
 * the issue measures) and the final one at step 5 (reported apart: nothing trains after it, the
 * process waits for its write in both modes). A worker thread samples the process's RSS every
 * 10 ms: the peak over the RSS after step 1 is the memory the checkpoints cost on top of training.
 *
 * Run from the repo root: npx tsx benchmarks/checkpoint/run.ts [--sizes 10MB,100MB,1GB]
 *   [--targets local,s3] [--out results]. Writes benchmarks/checkpoint/<out>.json and <out>.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { S3RVER_CREDENTIALS, startS3Server, type TestServer } from '@strata/test-servers';
import { parseCheckpointEvery, train, writeSyntheticData, type TrainSummary } from '@strata/train';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10MB,100MB,1GB' },
    targets: { type: 'string', default: 'local,s3' },
    /** Base name of the output files (results → results.json, results.md). */
    out: { type: 'string', default: 'results' },
  },
});

interface Row {
  size: string;
  target: 'local' | 's3';
  mode: 'async' | 'sync';
  checkpointBytes: number;
  /** Stall of each checkpoint during training, ms (step 2, step 4). */
  stallsMs: number[];
  /** Of each stall, the time spent waiting for the previous write (--in-flight wait), ms. */
  waitedMs: number[];
  /** Stall of the final checkpoint (step 5), ms. */
  finalStallMs: number;
  /** Peak RSS during the run minus the RSS after step 1, MB. */
  peakExtraMb: number;
  rssAfterStep1Mb: number;
  /** Background write time of each checkpoint, s (async: not on the step's critical path). */
  writeSeconds: number[];
  stepSeconds: number;
}

async function runOne(
  size: string,
  target: 'local' | 's3',
  mode: 'async' | 'sync',
  dir: string,
  data: string,
): Promise<Row> {
  const checkpoint =
    target === 'local' ? path.join(dir, `ckpt-${size}-${mode}`) : `s3://bench/${size}-${mode}`;
  const writes: number[] = [];
  const sampler = rssSampler();
  let rssAfterStep1 = 0;
  const started = performance.now();
  const summary: TrainSummary = await train({
    model: `mlp-bytes:${size}`,
    data,
    checkpoint,
    steps: 5,
    batchSize: 4,
    seed: 1,
    learningRate: 0.01,
    optimizer: 'sgd',
    dropout: 0,
    checkpointEvery: parseCheckpointEvery('2'),
    keepLast: 1,
    inFlight: 'wait',
    resume: false,
    backend: 'cpu',
    saveMode: mode,
    log: () => undefined,
    warn: (line) => process.stderr.write(`warning: ${line}\n`),
    onWriterEvent: (event) => {
      if (event.type === 'committed') writes.push(event.seconds);
    },
    onStep: (step) => {
      if (step === 1) {
        rssAfterStep1 = process.memoryUsage.rss();
        sampler.reset();
      }
    },
  });
  const peak = await sampler.stop();
  const elapsed = (performance.now() - started) / 1000;
  const all = summary.stalls.map((s) => s.ms);
  const stallsMs = summary.stalls.filter((s) => s.step !== 5).map((s) => s.ms);
  const row: Row = {
    size,
    target,
    mode,
    checkpointBytes: summary.stalls[0]?.bytes ?? 0,
    stallsMs,
    waitedMs: summary.stalls.filter((s) => s.step !== 5).map((s) => s.waitedMs),
    finalStallMs: summary.stalls.find((s) => s.step === 5)?.ms ?? Number.NaN,
    peakExtraMb: (peak - rssAfterStep1) / 1e6,
    rssAfterStep1Mb: rssAfterStep1 / 1e6,
    writeSeconds: writes,
    stepSeconds: (elapsed - all.reduce((a, b) => a + b, 0) / 1000) / 5,
  };
  process.stderr.write(`${JSON.stringify(row)}\n`);
  return row;
}

/** Peak RSS of this process, sampled every 10 ms by a worker (the main thread is busy in steps). */
function rssSampler(): { reset(): void; stop(): Promise<number> } {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
     let peak = 0;
     const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 10);
     parentPort.on('message', (m) => {
       if (m === 'reset') peak = 0;
       else { clearInterval(timer); parentPort.postMessage(peak); parentPort.close(); }
     });`,
    { eval: true },
  );
  return {
    reset: () => worker.postMessage('reset'),
    stop: () =>
      new Promise<number>((resolve) => {
        worker.once('message', (peak: number) => resolve(peak));
        worker.postMessage('stop');
      }),
  };
}

const uptime = execFileSync('uptime', { encoding: 'utf8' }).trim();
const dir = await mkdtemp(path.join(os.tmpdir(), 'strata-ckpt-bench-'));
let server: TestServer | undefined;
const rows: Row[] = [];
const load = os
  .loadavg()
  .map((v) => v.toFixed(1))
  .join(' / ');
try {
  const data = path.join(dir, 'data');
  await writeSyntheticData(data, {
    shards: 1,
    examplesPerShard: 64,
    features: 64,
    classes: 10,
    seed: 1,
  });
  const targets = values.targets.split(',') as ('local' | 's3')[];
  if (targets.includes('s3')) {
    server = await startS3Server({ buckets: ['bench'] });
    process.env['AWS_ENDPOINT_URL'] = server.endpoint;
    process.env['AWS_ACCESS_KEY_ID'] = S3RVER_CREDENTIALS.accessKeyId;
    process.env['AWS_SECRET_ACCESS_KEY'] = S3RVER_CREDENTIALS.secretAccessKey;
    process.env['AWS_REGION'] = 'us-east-1';
  }
  for (const size of values.sizes.split(',')) {
    for (const target of targets) {
      for (const mode of ['sync', 'async'] as const)
        rows.push(await runOne(size, target, mode, dir, data));
    }
  }
} finally {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const machine = `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; load average at start ${load} (uptime: ${uptime})`;
await writeFile(
  path.join(here, `${values.out}.json`),
  `${JSON.stringify({ machine, date: new Date().toISOString(), rows }, null, 2)}\n`,
);

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const lines = [
  '# Checkpoint benchmark',
  '',
  `Machine: ${machine}; run ${new Date().toISOString()}.`,
  '',
  'Stall = time training waits for a checkpoint (mean of the checkpoints at steps 2 and 4, during training).',
  'Sync = the step waits for the whole write; async = the snapshot (arrays held, handed to the writer thread after the next step), write in the worker thread.',
  'Final = the checkpoint at the last step (nothing trains after it). Peak extra = peak RSS minus RSS after step 1.',
  '',
  '| model | target | checkpoint | sync stall ms | async stall ms (of which waiting for the previous write) | async / sync | snapshot only / sync | final sync / async ms | peak extra MB sync / async | async write s (background) | wall s per step (incl. setup) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
for (const size of values.sizes.split(',')) {
  for (const target of values.targets.split(',')) {
    const sync = rows.find((r) => r.size === size && r.target === target && r.mode === 'sync');
    const async = rows.find((r) => r.size === size && r.target === target && r.mode === 'async');
    if (!sync || !async) continue;
    const s = mean(sync.stallsMs);
    const a = mean(async.stallsMs);
    const waited = mean(async.waitedMs);
    lines.push(
      `| ${size} | ${target} | ${(async.checkpointBytes / 1e6).toFixed(1)} MB | ${s.toFixed(0)} | ${a.toFixed(1)} (${waited.toFixed(1)}) | ${((100 * a) / s).toFixed(1)}% | ${((100 * (a - waited)) / s).toFixed(1)}% | ${sync.finalStallMs.toFixed(0)} / ${async.finalStallMs.toFixed(0)} | ${sync.peakExtraMb.toFixed(0)} / ${async.peakExtraMb.toFixed(0)} | ${async.writeSeconds.map((w) => w.toFixed(2)).join(', ')} | ${async.stepSeconds.toFixed(2)} |`,
    );
  }
}
await writeFile(path.join(here, `${values.out}.md`), `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n`);
