/**
 * One real run where memory is the limit, on the wasm backend (heap ceiling 4294901760 bytes),
 * through `strata train` like any user's model: a tf.io model.json whose input is small (so the
 * JSONL data stays small) but whose activations at the batch are huge (a Dense expanding to
 * `width` units, then element-wise layers on [batch, width], then Dense(classes)), and synthetic
 * JSONL data.
 *
 *   1. `strata train … --backend wasm` (no plan): refused before the first step with one line
 *      naming the --memory-budget that would fit; no checkpoint written;
 *   2. `strata train … --memory-budget BUDGET --remat-solver S --steps K --checkpoint-every 1`:
 *      trains all K steps by the plan and writes checkpoints;
 *   3. the same with `--resume --steps K+R`: continues from the newest checkpoint to K+R;
 *   4. with --raw-plain-step (slow: minutes of element-wise work before the heap runs out): the
 *      plain step the refusal predicts cannot fit, run anyway in a child process with plain TF.js.
 *
 *   npx tsx benchmarks/remat-exec/memory-limit.ts [--batch 10000] [--width 4096] [--layers 24]
 *     [--budget 1GB] [--solver greedy-remat] [--steps 3] [--resume-steps 1] [--raw-plain-step]
 *   (writes memory-limit-results.json)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { uriIOHandler, writeSyntheticData } from '@strata/train';
import { loadNow, machineLine } from './machine.js';

const { values } = parseArgs({
  options: {
    batch: { type: 'string', default: '10000' },
    width: { type: 'string', default: '4096' },
    layers: { type: 'string', default: '24' },
    features: { type: 'string', default: '16' },
    classes: { type: 'string', default: '4' },
    budget: { type: 'string', default: '1GB' },
    solver: { type: 'string', default: 'greedy-remat' },
    steps: { type: 'string', default: '3' },
    'resume-steps': { type: 'string', default: '1' },
    'raw-plain-step': { type: 'boolean', default: false },
    'plain-only': { type: 'boolean', default: false },
    model: { type: 'string' },
  },
});
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../..');
const batchSize = Number(values.batch);
const features = Number(values.features);
const classes = Number(values.classes);

if (values['plain-only']) {
  // Child: one plain training step on wasm, as `strata train` without a plan would run it.
  const { initBackend } = await import('@strata/tfjs');
  await initBackend('wasm', (line) => console.error(line));
  const model = await tfl.loadLayersModel(uriIOHandler(values.model!));
  const xs = tf.randomNormal([batchSize, features]);
  const labels = tf.oneHot(tf.randomUniform([batchSize], 0, classes, 'int32'), classes);
  const optimizer = tf.train.adam(0.001);
  console.error(`tensors allocated: ${tf.memory().numBytes} bytes; plain step…`);
  const loss = optimizer.minimize(
    () =>
      tf.losses.softmaxCrossEntropy(labels, model.apply(xs, { training: true }) as tf.Tensor),
    true,
  );
  console.log(`plain step finished, loss ${loss!.dataSync()[0]}`);
  process.exit(0);
}

await tf.setBackend('cpu');
const width = Number(values.width);
const activations = ['relu', 'tanh', 'sigmoid'] as const;
const model = tfl.sequential({
  layers: [
    tfl.layers.dense({
      units: width,
      inputShape: [features],
      activation: 'relu',
      name: 'expand',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
    }),
    ...Array.from({ length: Number(values.layers) }, (_, i) =>
      tfl.layers.activation({ activation: activations[(i + 1) % 3]!, name: `act${i + 1}` }),
    ),
    tfl.layers.dense({
      units: classes,
      name: 'head',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }),
    }),
  ],
});
const folder = join(tmpdir(), `strata-memory-limit-${process.pid}`);
mkdirSync(folder, { recursive: true });
// The same model.json + weights.bin layout `strata train` saves models in.
await model.save(uriIOHandler(join(folder, 'model')));
const modelJson = join(folder, 'model', 'model.json');
const data = join(folder, 'data');
await writeSyntheticData(data, {
  shards: 2,
  examplesPerShard: batchSize,
  features,
  classes,
  seed: 7,
});
const checkpoints = join(folder, 'checkpoints');
const bytesPerActivation = batchSize * width * 4;
const out: Record<string, unknown> = {
  started: new Date().toISOString(),
  machine: machineLine(),
  options: values,
  model: `Dense(${features}→${width}, relu), ${values.layers} element-wise layers on [batch, ${width}], Dense(${classes}); softmax cross-entropy; one activation ${bytesPerActivation} bytes at batch ${batchSize}`,
  data: `synthetic JSONL, 2 shards × ${batchSize} examples of ${features} features, ${classes} classes`,
};
const save = () =>
  writeFileSync(join(here, 'memory-limit-results.json'), `${JSON.stringify(out, null, 2)}\n`);

/** Checkpoint folders under the run's --checkpoint URI (what a refused run must not leave). */
const checkpointFolders = () => {
  try {
    return readdirSync(checkpoints).sort();
  } catch {
    return [];
  }
};

function run(name: string, args: string[]) {
  const begin = performance.now();
  const child = spawnSync(process.execPath, args, {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const stderrLines = child.stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  out[name] = {
    command: args.join(' '),
    exitCode: child.status,
    signal: child.signal,
    seconds: (performance.now() - begin) / 1000,
    stdout: child.stdout.trim().slice(-4000),
    stderr: stderrLines.slice(-30).join('\n').slice(-4000),
    checkpointFolders: checkpointFolders(),
    loadAtEnd: loadNow(),
  };
  console.log(name, JSON.stringify(out[name], null, 2));
  save();
}

const metrics = join(folder, 'metrics.jsonl');
const train = [
  'apps/strata/bin/strata.mjs',
  'train',
  '--model',
  modelJson,
  '--data',
  data,
  '--checkpoint',
  checkpoints,
  '--batch-size',
  values.batch,
  '--backend',
  'wasm',
  '--checkpoint-every',
  '1',
  '--metrics',
  metrics,
];
const planned = ['--memory-budget', values.budget, '--remat-solver', values.solver];
const steps = Number(values.steps);
// Without --json: the run's log lines (backend, plan, checkpoints) are the record on stderr.
run('plainTrain', [...train, '--steps', String(steps)]);
run('plannedTrain', [...train, ...planned, '--steps', String(steps)]);
run('resumedTrain', [
  ...train,
  ...planned,
  '--resume',
  '--steps',
  String(steps + Number(values['resume-steps'])),
]);
if (values['raw-plain-step']) {
  run('rawPlainStep', [
    '--import',
    'tsx',
    join(here, 'memory-limit.ts'),
    '--plain-only',
    '--model',
    modelJson,
    '--batch',
    values.batch,
    '--features',
    values.features,
    '--classes',
    values.classes,
  ]);
}
// Per step: loss and the executor's measured activation peak (measuredPeakBytes), as logged.
out.metrics = existsSync(metrics)
  ? readFileSync(metrics, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as unknown)
  : [];
save();
console.error(`done; load ${loadNow()}; files under ${folder}`);
