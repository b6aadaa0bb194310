/**
 * Predicted vs measured peak and step time per built-in model and solver.
 *
 * Method (so that a measured overhead can be compared with a predicted one):
 * - Batch: per model, a batch from `--batch` up (growing by powers of two) whose no-remat step takes
 *   at least `--min-step-seconds` of CPU time, so a step is long against timer and scheduling noise.
 * - Prediction: the graph at that batch, costs profiled per node on the same backend (median of
 *   `--profile-runs` after a warm-up, process CPU time), planned at `--budget` by every solver;
 *   predicted overhead = the plan's cost ÷ the no-remat plan's cost under those costs.
 * - Measurement: `--steps` steps by the plan, each followed by a no-remat (checkpoint-all plan,
 *   same executor) step; the first pair is a warm-up. Overhead = median over the pairs of
 *   planned ÷ no-remat, by CPU time and by wall time (adjacent steps see the same load).
 *
 *   npx tsx benchmarks/remat-exec/exec.ts [--backend cpu] [--budget 70%] [--batch 4]
 *     [--min-step-seconds 0.25] [--max-batch 4096] [--image-size 16] [--sequence-length 16]
 *     [--steps 7] [--profile-runs 5] [--models mlp,vgg-cnn,...] [--solvers ...]
 *
 * Writes exec-results.json (every row) and exec-results.md (the table and the tally).
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { toTopoGraph } from '@strata/graph';
import { planRemat, type PlannerId } from '@strata/remat';
import { createRematStep, importTrainingGraph } from '@strata/remat-tfjs';
import { createBuiltinModel, initBackend } from '@strata/tfjs';
import {
  importGraph,
  runRemat,
  timeSteps,
  type PairedOverhead,
  type RunReport,
} from '../../libs/remat-tfjs/src/run/run-remat.js';
import type { LoadedModel } from '../../libs/remat-tfjs/src/models/load-model.js';
import { loadNow, machineLine } from './machine.js';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'cpu' },
    budget: { type: 'string', default: '70%' },
    batch: { type: 'string', default: '4' },
    'min-step-seconds': { type: 'string', default: '0.25' },
    'max-batch': { type: 'string', default: '4096' },
    'image-size': { type: 'string', default: '16' },
    'sequence-length': { type: 'string', default: '16' },
    steps: { type: 'string', default: '7' },
    'profile-runs': { type: 'string', default: '5' },
    models: { type: 'string', default: 'mlp,vgg-cnn,unet,resnet,bilstm,transformer' },
    solvers: { type: 'string', default: 'checkpoint-all,chen-sqrtn,chen-greedy,lp-round,milp' },
    out: { type: 'string', default: 'exec-results' },
  },
});

const here = dirname(fileURLToPath(import.meta.url));
const backend = await initBackend(values.backend as never, (line) => console.error(line));
const steps = Number(values.steps);
const solvers = values.solvers.split(',') as PlannerId[];
const started = new Date().toISOString();
const begin = performance.now();
const machine = machineLine();
console.error(machine);

function loaded(name: string): LoadedModel {
  const builtin = createBuiltinModel(name, {
    seed: 1,
    imageSize: Number(values['image-size']),
    sequenceLength: Number(values['sequence-length']),
  });
  return {
    label: `builtin:${name}`,
    model: builtin.model,
    loss: (labels, logits) => builtin.loss.compute(labels, logits),
    lossName: builtin.loss.name,
    makeBatch: (size, seed) => builtin.makeBatch(size, seed),
  };
}

/** CPU seconds of one no-remat step at this batch (median of two after three warm-up steps: the first ones include JIT compilation). */
async function noRematCpuSeconds(model: LoadedModel, batch: number): Promise<number> {
  const graph = importTrainingGraph(model.model, { batch });
  const plan = await planRemat(toTopoGraph(graph.graph), {
    budget: '100%',
    solver: 'checkpoint-all',
  });
  const step = await createRematStep(model.model, model.loss, { batch, graph, plan, backend });
  const sample = model.makeBatch(batch, 1);
  try {
    timeSteps(step, sample, 3);
    return timeSteps(step, sample, 3).planned.cpuSeconds;
  } finally {
    tf.dispose([sample.xs, sample.ys]);
  }
}

/** A batch from --batch up (powers of two) whose no-remat step is long enough to time. */
async function calibrateBatch(model: LoadedModel): Promise<{ batch: number; cpu: number }> {
  const target = Number(values['min-step-seconds']);
  const most = Number(values['max-batch']);
  let batch = Number(values.batch);
  for (;;) {
    const cpu = await noRematCpuSeconds(model, batch);
    console.error(`${model.label}: batch ${batch}, no-remat step ${cpu.toFixed(3)} CPU s`);
    if (cpu >= target || batch * 2 > most) return { batch, cpu };
    // Small steps do not grow linearly with the batch: at most 8× per try.
    const factor = Math.min(8, 2 ** Math.ceil(Math.log2(target / Math.max(cpu, 1e-6))));
    while (batch * factor > most && factor > 1) batch = Math.floor(most / factor) * factor;
    batch *= factor;
  }
}

type Row = RunReport & {
  load: string;
  profileSeconds: number;
  cpuStepSeconds: number | null;
  cpuBaselineStepSeconds: number | null;
  paired: PairedOverhead | null;
};
const rows: Row[] = [];

/** Within 25% of the prediction: |measured − predicted| ≤ 0.25 × predicted. */
const within = (measured: number | undefined, predicted: number | null) =>
  measured === undefined || predicted === null
    ? null
    : Math.abs(measured - predicted) <= 0.25 * predicted;

function markdown(): string {
  const f = (x: number | null | undefined, digits = 3) =>
    x === null || x === undefined ? 'n/a' : x.toFixed(digits);
  const yes = (b: boolean | null) => (b === null ? '' : b ? 'yes' : 'no');
  const header =
    '| model | batch | solver | feasible | budget B | predicted peak B | measured peak B | no-remat step CPU s | predicted overhead | measured overhead CPU (min–max) | measured overhead wall (min–max) | within 25% CPU / wall | load |\n' +
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n';
  const lines = rows.map((r) => {
    const p = r.paired;
    return `| ${r.model} | ${r.batch} | ${r.solver} | ${r.feasible ? 'yes' : 'no'} | ${r.budgetBytes} | ${r.predictedPeakBytes ?? 'n/a'} | ${r.measuredPeakBytes ?? 'n/a'} | ${f(r.cpuBaselineStepSeconds)} | ${f(r.predictedOverhead)} | ${p ? `${f(p.cpu.median)} (${f(p.cpu.min, 2)}–${f(p.cpu.max, 2)})` : 'n/a'} | ${p ? `${f(p.wall.median)} (${f(p.wall.min, 2)}–${f(p.wall.max, 2)})` : 'n/a'} | ${p ? `${yes(within(p.cpu.median, r.predictedOverhead))} / ${yes(within(p.wall.median, r.predictedOverhead))}` : ''} | ${r.load} |`;
  });
  const ran = rows.filter((r) => r.paired);
  const count = (clock: 'cpu' | 'wall') =>
    ran.filter((r) => within(r.paired![clock].median, r.predictedOverhead)).length;
  const peaksEqual = ran.filter((r) => r.measuredPeakBytes === r.predictedPeakBytes).length;
  const underBudget = ran.filter(
    (r) => r.measuredPeakBytes !== null && r.measuredPeakBytes <= r.budgetBytes,
  ).length;
  const minutes = ((performance.now() - begin) / 60_000).toFixed(1);
  const { user, system } = process.cpuUsage();
  const cpuMinutes = ((user + system) / 60e6).toFixed(1);
  return (
    `Run ${started} (${minutes} min wall, ${cpuMinutes} min CPU): \`npx tsx benchmarks/remat-exec/exec.ts ${process.argv.slice(2).join(' ')}\`; backend ${backend}, budget ${values.budget} of each model's no-remat peak (checkpoint-all at 100%), ${steps} steps per plan alternating with no-remat steps, first pair a warm-up.\n\n` +
    `Machine at start: ${machine}. Load at end: ${loadNow()}.\n\n` +
    header +
    lines.join('\n') +
    `\n\nMeasured peak = predicted peak in ${peaksEqual} of ${ran.length} runs (≤ budget in ${underBudget}). ` +
    `Measured overhead within 25% of predicted: ${count('cpu')} of ${ran.length} by CPU time, ${count('wall')} of ${ran.length} by wall time.\n`
  );
}

function save() {
  writeFileSync(
    resolve(here, `${values.out}.json`),
    `${JSON.stringify({ started, machine, options: values, backend, rows }, null, 2)}\n`,
  );
  writeFileSync(resolve(here, `${values.out}.md`), markdown());
}

for (const name of values.models.split(',')) {
  const model = loaded(name);
  const { batch } = await calibrateBatch(model);
  const common = {
    model,
    batch,
    backend,
    steps,
    profile: true,
    profileOptions: { runs: Number(values['profile-runs']), clock: 'cpu' as const },
    seed: 1,
    planner: { timeLimitSeconds: 60 },
  };
  const profileStart = performance.now();
  const graph = await importGraph({ ...common, budget: values.budget, solver: 'checkpoint-all' });
  const profileSeconds = (performance.now() - profileStart) / 1000;
  for (const solver of solvers) {
    const budget = solver === 'checkpoint-all' ? '100%' : values.budget;
    const { report, cpu, paired } = await runRemat({ ...common, graph, budget, solver });
    const row: Row = {
      ...report,
      load: loadNow(),
      profileSeconds,
      cpuStepSeconds: cpu?.stepSeconds ?? null,
      cpuBaselineStepSeconds: cpu?.baselineStepSeconds ?? null,
      paired: paired ?? null,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
    save();
  }
  model.model.dispose();
}
console.error(markdown());
console.error(`done; load ${loadNow()}`);
