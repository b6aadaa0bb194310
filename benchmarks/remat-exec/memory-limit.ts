/**
 * One real run where memory is the limit, on the wasm backend (heap ceiling 4294901760 bytes):
 * a chain of cheap element-wise layers on a wide input, whose plain training step needs more than
 * the heap, saved as a model.json and driven through the CLI like any user's model:
 *
 *   1. plain tf.variableGrads on wasm (a child process): expected to fail for lack of memory;
 *   2. `strata remat run … --solver checkpoint-all --budget 100%`: refused before it runs, with the
 *      budget that would fit;
 *   3. `strata remat run … --solver greedy-remat --budget BUDGET --steps K --json`: trains by the plan.
 *
 *   npx tsx benchmarks/remat-exec/memory-limit.ts [--batch 10000] [--width 4096] [--layers 24]
 *     [--budget 1GB] [--steps 2]          (writes memory-limit-results.json)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { uriIOHandler } from '@strata/train';
import { loadNow, machineLine } from './machine.js';

const { values } = parseArgs({
  options: {
    batch: { type: 'string', default: '10000' },
    width: { type: 'string', default: '4096' },
    layers: { type: 'string', default: '24' },
    budget: { type: 'string', default: '1GB' },
    steps: { type: 'string', default: '2' },
    'plain-only': { type: 'boolean', default: false },
    model: { type: 'string' },
  },
});
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../..');

if (values['plain-only']) {
  // Child: one plain training step on wasm, as a user's training loop would run it.
  const { initBackend } = await import('@strata/tfjs');
  const { loadModel } = await import('../../libs/remat-tfjs/src/models/load-model.js');
  await initBackend('wasm', (line) => console.error(line));
  const model = await loadModel(values.model!);
  const batch = model.makeBatch(Number(values.batch), 1);
  const variables = model.model.trainableWeights.map((w) => w.read() as tf.Variable);
  console.error(`tensors allocated: ${tf.memory().numBytes} bytes; plain step…`);
  const result = tf.variableGrads(
    () => model.loss(batch.ys, model.model.apply(batch.xs, { training: true }) as tf.Tensor),
    variables,
  );
  console.log(`plain step finished, loss ${result.value.dataSync()[0]}`);
  process.exit(0);
}

await tf.setBackend('cpu');
const width = Number(values.width);
const activations = ['relu', 'tanh', 'sigmoid'] as const;
const model = tfl.sequential({
  layers: [
    tfl.layers.activation({ activation: 'relu', inputShape: [width], name: 'act0' }),
    ...Array.from({ length: Number(values.layers) - 1 }, (_, i) =>
      tfl.layers.activation({ activation: activations[(i + 1) % 3]!, name: `act${i + 1}` }),
    ),
    tfl.layers.dense({
      units: 1,
      name: 'head',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
    }),
  ],
});
const folder = join(tmpdir(), `strata-memory-limit-${process.pid}`);
mkdirSync(folder, { recursive: true });
// The same model.json + weights.bin layout `strata train` saves models in.
await model.save(uriIOHandler(folder));
const modelJson = join(folder, 'model.json');
const bytesPerActivation = Number(values.batch) * width * 4;
const out: Record<string, unknown> = {
  started: new Date().toISOString(),
  machine: machineLine(),
  options: values,
  model: `${values.layers} element-wise layers on [batch, ${width}] + Dense(1), MSE; one activation ${bytesPerActivation} bytes`,
};
const save = () =>
  writeFileSync(join(here, 'memory-limit-results.json'), `${JSON.stringify(out, null, 2)}\n`);

function run(name: string, args: string[]) {
  const begin = performance.now();
  const child = spawnSync(process.execPath, args, {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  out[name] = {
    command: args.join(' '),
    exitCode: child.status,
    signal: child.signal,
    seconds: (performance.now() - begin) / 1000,
    stdout: child.stdout.trim().slice(-4000),
    stderr: child.stderr.trim().slice(-2000),
    loadAtEnd: loadNow(),
  };
  console.log(name, JSON.stringify(out[name], null, 2));
  save();
}

const strata = [
  'apps/strata/bin/strata.mjs',
  'remat',
  'run',
  '--model',
  modelJson,
  '--batch',
  values.batch,
  '--backend',
  'wasm',
];
run('plainStep', [
  '--import',
  'tsx',
  join(here, 'memory-limit.ts'),
  '--plain-only',
  '--model',
  modelJson,
  '--batch',
  values.batch,
]);
run('noRematRefused', [...strata, '--solver', 'checkpoint-all', '--budget', '100%', '--json']);
run('planned', [
  ...strata,
  '--solver',
  'chen-sqrtn',
  '--budget',
  values.budget,
  '--steps',
  values.steps,
  '--json',
]);
console.error(`done; load ${loadNow()}`);
