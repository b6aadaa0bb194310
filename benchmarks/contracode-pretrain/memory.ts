/**
 * The memory a pretraining step takes with and without a remat plan, for both encoders: the query
 * encoder's step (MoCo against a full queue; the key encoder's forward pass and the queue sit
 * outside the plan in both) with the library's own pieces (`queryModel`, `stepLoss`,
 * `planQueryStep`: what `strata code pretrain [--memory-budget]` runs).
 *
 * Per encoder: the plain step (`optimizer.minimize` over the whole encoder), the no-remat schedule
 * run by the executor (checkpoint-all: the baseline of the plan's own accounting) and the plan at
 * each budget. Peaks are bytes above what the step began with:
 *  - predicted: the simulator's peak of the plan (what the budget bounds);
 *  - measured (executor): tf.memory() sampled after every schedule operation (what the metrics log
 *    records per step as measuredPeakBytes);
 *  - measured (kernels): tf.profile's high-water mark after every kernel, transients inside an
 *    operation and the weight gradients included: the only figure the plain step has.
 * Step time: median wall time of the timed steps (first, warm-up step excluded), loss and gradients
 * plus the Adam update.
 *
 * One command (JSON lines on stdout, the machine and a table on stderr; no corpus needed):
 *
 *   npx tsx benchmarks/contracode-pretrain/memory.ts [--budgets 70%,55%,50%] [--solver milp] [--time-limit 120] [--steps 4]
 */
import { parseArgs } from 'node:util';
import { execSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@strata/train';
import {
  REPRESENTATION_WIDTH,
  buildCodeEncoder,
  l2Normalize,
  planQueryStep,
  queryModel,
  stepLoss,
  type EncoderConfig,
  type QueryOutputs,
} from '@strata/contracode';

const { values } = parseArgs({
  options: {
    budgets: { type: 'string', default: '70%,55%,50%' },
    solver: { type: 'string', default: 'milp' },
    'time-limit': { type: 'string', default: '120' },
    steps: { type: 'string', default: '4' },
    backend: { type: 'string', default: 'cpu' },
    encoders: { type: 'string', default: 'bilstm,transformer' },
  },
});
const STEPS = Number(values.steps);
// The settings of run.sh's training runs (SMALL) and their tokenizer and queue sizes.
const BATCH = 16;
const QUEUE = 1152;
const BASE = { vocabSize: 2000, sequenceLength: 48, width: 32, layers: 2 };
const CONFIGS: Record<string, EncoderConfig> = {
  bilstm: { kind: 'bilstm', ...BASE, heads: 0, feedForward: 0, dropout: 0 },
  transformer: { kind: 'transformer', ...BASE, heads: 4, feedForward: 128, dropout: 0.1 },
};

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const backend = await initBackend(values.backend as 'cpu', log);
log(
  `machine: ${execSync('nproc').toString().trim()} cores; ${execSync('free -h | sed -n 2p').toString().trim()}`,
);
log(`load at start: ${execSync('uptime').toString().trim()}`);
const table: string[] = [
  '| encoder | step | budget | predicted peak | measured (executor) | measured (kernels) | step s (median) | max abs grad diff |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
];
const kib = (bytes: number | null): string =>
  bytes === null ? '-' : `${(bytes / 1024).toFixed(1)} KiB`;

interface Row {
  encoder: string;
  variant: string;
  budgetBytes: number | null;
  predictedPeakBytes: number | null;
  measuredExecutorPeakBytes: number | null;
  measuredKernelPeakBytes: number;
  noRematPeakBytes: number;
  predictedOverhead: number | null;
  stepSecondsMedian: number;
  maxAbsGradDiff: number | null;
  backend: string;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const name of values.encoders.split(',')) {
  const config = CONFIGS[name]!;
  const encoder = buildCodeEncoder(config, 1, `query_${name}`);
  const ids = tf.tidy(() =>
    tf.cast(
      tf.randomUniform([BATCH, config.sequenceLength], 260, config.vocabSize, 'float32', 5),
      'int32',
    ),
  );
  const keyRows = tf.tidy(() =>
    l2Normalize(tf.randomNormal([BATCH, REPRESENTATION_WIDTH], 0, 1, 'float32', 6)),
  );
  const negatives = tf.tidy(() =>
    l2Normalize(tf.randomNormal([QUEUE, REPRESENTATION_WIDTH], 0, 1, 'float32', 7)),
  );
  const metrics: Record<string, number> = {};
  const loss = stepLoss({ objective: 'moco', keyRows, negatives, masked: null, metrics });
  const model = queryModel(encoder, 'moco');
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  // One optimizer for every variant: Adam's moments exist after the first step, as in training.
  const optimizer: tf.Optimizer = tf.train.adam(0.001);

  const plainGrads = (): tf.NamedTensorMap =>
    tf.variableGrads(() => loss(model.apply(ids, { training: true }) as QueryOutputs), variables)
      .grads;

  const measure = async (
    step: () => number | null,
  ): Promise<{ seconds: number; kernelPeak: number; executorPeak: number | null }> => {
    const times: number[] = [];
    let executorPeak: number | null = null;
    for (let i = 0; i < STEPS; i += 1) {
      const started = performance.now();
      executorPeak = step();
      if (i > 0) times.push((performance.now() - started) / 1000);
    }
    const before = tf.memory().numBytes;
    const profile = await tf.profile(() => void step());
    return { seconds: median(times), kernelPeak: profile.peakBytes - before, executorPeak };
  };

  const plain = await measure(() => {
    tf.tidy(() => {
      optimizer.minimize(
        () => loss(model.apply(ids, { training: true }) as QueryOutputs),
        false,
        variables,
      );
    });
    return null;
  });
  const noRemat = await planQueryStep(encoder, {
    objective: 'moco',
    batchSize: BATCH,
    budget: '100%',
    solver: 'checkpoint-all',
  });
  const rows: Row[] = [
    {
      encoder: name,
      variant: 'plain step (optimizer.minimize)',
      budgetBytes: null,
      predictedPeakBytes: null,
      measuredExecutorPeakBytes: null,
      measuredKernelPeakBytes: plain.kernelPeak,
      noRematPeakBytes: noRemat.plan.noRematPeakBytes,
      predictedOverhead: null,
      stepSecondsMedian: plain.seconds,
      maxAbsGradDiff: null,
      backend,
    },
  ];
  const variants = [{ label: 'no remat (checkpoint-all) by the executor', planned: noRemat }];
  for (const budget of values.budgets.split(',')) {
    try {
      const planned = await planQueryStep(encoder, {
        objective: 'moco',
        batchSize: BATCH,
        budget,
        solver: values.solver,
        timeLimitSeconds: Number(values['time-limit']),
      });
      variants.push({ label: `plan at ${budget} (${values.solver})`, planned });
    } catch (error) {
      // A budget below every plan: the refusal names the smallest that fits.
      log(`${name}, budget ${budget}: ${(error as Error).message}`);
    }
  }
  for (const { label, planned } of variants) {
    // Against the plain step's gradients at the current weights.
    const reference = plainGrads();
    const run = planned.gradients(ids, loss);
    const diff = Math.max(
      ...Object.keys(reference).map((k) =>
        tf.tidy(() => tf.max(tf.abs(tf.sub(run.grads[k]!, reference[k]!))).dataSync()[0]!),
      ),
    );
    tf.dispose([run.loss, ...Object.values(run.grads), ...Object.values(reference)]);
    const result = await measure(() => {
      const step = planned.gradients(ids, loss);
      optimizer.applyGradients(step.grads);
      tf.dispose([step.loss, ...Object.values(step.grads)]);
      return step.measuredPeakBytes;
    });
    rows.push({
      encoder: name,
      variant: label,
      budgetBytes: planned.plan.budgetBytes,
      predictedPeakBytes: planned.plan.peakBytes,
      measuredExecutorPeakBytes: result.executorPeak,
      measuredKernelPeakBytes: result.kernelPeak,
      noRematPeakBytes: planned.plan.noRematPeakBytes,
      predictedOverhead: planned.plan.overhead,
      stepSecondsMedian: result.seconds,
      maxAbsGradDiff: diff,
      backend,
    });
  }
  for (const row of rows) {
    process.stdout.write(`${JSON.stringify(row)}\n`);
    table.push(
      `| ${row.encoder} | ${row.variant} | ${kib(row.budgetBytes)} | ${kib(row.predictedPeakBytes)} | ${kib(row.measuredExecutorPeakBytes)} | ` +
        `${kib(row.measuredKernelPeakBytes)} | ${row.stepSecondsMedian.toFixed(2)} | ${row.maxAbsGradDiff ?? '-'} |`,
    );
  }
  tf.dispose([ids, keyRows, negatives]);
  optimizer.dispose();
  encoder.dispose();
}
log(table.join('\n'));
log(`load at end: ${execSync('uptime').toString().trim()}`);
