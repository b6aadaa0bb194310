/**
 * Checkpoint benchmark (issue 7): the training stall per checkpoint with the asynchronous writer
 * (snapshot into host memory, write in a worker thread) against a synchronous save (the step
 * waits for the whole write), for models of 10 MB to 1 GB of float32 weights, to local disk and
 * to the S3 test server (s3rver, a child process on loopback).
 *
 * The trainer is the real one (`train()` on `mlp-bytes:SIZE`, SGD so the checkpoint is the
 * weights, cpu backend), 4 steps with a checkpoint at steps 2 and 4.
 *
 * Run from the repo root: npx tsx benchmarks/checkpoint/run.ts [--sizes 10MB,100MB,1GB]
 *   [--targets local,s3] [--out results]. Writes benchmarks/checkpoint/<out>.json and <out>.md.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
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
  /** Stall of each checkpoint, ms (step 2, step 4). */
  stallsMs: number[];
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
  const started = performance.now();
  const summary: TrainSummary = await train({
    model: `mlp-bytes:${size}`,
    data,
    checkpoint,
    steps: 4,
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
  });
  const elapsed = (performance.now() - started) / 1000;
  const stallsMs = summary.stalls.map((s) => s.ms);
  const row: Row = {
    size,
    target,
    mode,
    checkpointBytes: summary.stalls[0]?.bytes ?? 0,
    stallsMs,
    writeSeconds: writes,
    stepSeconds: (elapsed - stallsMs.reduce((a, b) => a + b, 0) / 1000) / 4,
  };
  process.stderr.write(`${JSON.stringify(row)}\n`);
  return row;
}

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
const machine = `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; load average at start ${load}`;
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
  'Stall = time the training step waits for a checkpoint (mean of the checkpoints at steps 2 and 4).',
  'Sync = the step waits for the whole write; async = snapshot into host memory, write in the worker thread.',
  '',
  '| model | target | checkpoint | sync stall ms | async stall ms | async / sync | async write s (background) | wall s per step (incl. setup) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
];
for (const size of values.sizes.split(',')) {
  for (const target of values.targets.split(',')) {
    const sync = rows.find((r) => r.size === size && r.target === target && r.mode === 'sync');
    const async = rows.find((r) => r.size === size && r.target === target && r.mode === 'async');
    if (!sync || !async) continue;
    const s = mean(sync.stallsMs);
    const a = mean(async.stallsMs);
    lines.push(
      `| ${size} | ${target} | ${(async.checkpointBytes / 1e6).toFixed(1)} MB | ${s.toFixed(0)} | ${a.toFixed(0)} | ${((100 * a) / s).toFixed(1)}% | ${async.writeSeconds.map((w) => w.toFixed(2)).join(', ')} | ${async.stepSeconds.toFixed(2)} |`,
    );
  }
}
await writeFile(path.join(here, `${values.out}.md`), `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n`);
