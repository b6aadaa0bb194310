/**
 * Training throughput of every built-in model on the wasm backend against cpu (issue 13, item 3):
 * one training step is the loss, its gradients by `tf.variableGrads` and an Adam update, at the
 * models' default sizes (32×32 images, 32-token sequences). Per model and backend: one warm-up
 * step, then `--steps` timed steps (fewer if `--seconds` runs out, at least one), each timed in
 * wall seconds and in this process's CPU seconds: the machine is shared, and with more runnable
 * threads than cores the wall clock measures the queue as much as the work, while CPU seconds
 * stay close to the work (both backends run the step on one thread here). Then one more step on
 * each backend under `tf.profile` says where the time goes: the share of kernel time in kernels
 * the wasm backend runs on the cpu backend's code.
 *
 *   npx tsx benchmarks/remat-exec/throughput.ts [--models mlp,vgg-cnn,...] [--steps 3]
 *     [--seconds 40] [--batch N] [--out throughput-output]
 *
 * Writes benchmarks/remat-exec/<out>.json and <out>.md (the table), and prints the table.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import {
  builtinModelNames,
  createBuiltinModel,
  initBackend,
  lossAndGradients,
  registerWasmTrainingKernels,
  type BuiltinModel,
} from '@strata/tfjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    models: { type: 'string', default: builtinModelNames.join(',') },
    steps: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '40' },
    out: { type: 'string', default: 'throughput-output' },
    /** One batch size for every model instead of the table below. */
    batch: { type: 'string' },
  },
});

/** Batch sizes that keep a cpu step of each model to seconds on a busy 2-core machine. */
const BATCH: Record<string, number> = {
  mlp: 256,
  'vgg-cnn': 8,
  unet: 4,
  resnet: 8,
  bilstm: 8,
  transformer: 16,
};
const BACKENDS = ['cpu', 'wasm'] as const;
type Backend = (typeof BACKENDS)[number];

const shell = (command: string, ...args: string[]): string =>
  execFileSync(command, args, { encoding: 'utf8' }).trim();

interface Timing {
  wallSeconds: number;
  cpuSeconds: number;
}

interface Row {
  model: string;
  batch: number;
  backend: Backend;
  steps: Timing[];
  medianWallSeconds: number;
  medianCpuSeconds: number;
  samplesPerCpuSecond: number;
  /** Share of profiled kernel time in kernels run on the cpu backend's code (wasm only). */
  delegatedShare: number | null;
  topKernels: { name: string; ms: number }[];
  loadAtStart: string;
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function trainingStep(
  builtin: BuiltinModel,
  optimizer: tf.Optimizer,
  batch: { xs: tf.Tensor; ys: tf.Tensor },
): void {
  tf.tidy(() => {
    const { loss, grads } = lossAndGradients(builtin, batch);
    optimizer.applyGradients(grads);
    loss.dataSync();
  });
}

function timed(run: () => void): Timing {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  run();
  const used = process.cpuUsage(cpu);
  return {
    wallSeconds: (performance.now() - wall) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

async function measure(name: string, backend: Backend, delegated: Set<string>): Promise<Row> {
  await initBackend(backend, () => {});
  const loadAtStart = shell('cat', '/proc/loadavg').split(' ').slice(0, 3).join(' ');
  const builtin = createBuiltinModel(name, { seed: 1 });
  const batchSize = values.batch ? Number(values.batch) : BATCH[name]!;
  const batch = builtin.makeBatch(batchSize, 1);
  const optimizer = tf.train.adam(1e-3);
  trainingStep(builtin, optimizer, batch); // warm-up: kernel setup, first allocations
  const steps: Timing[] = [];
  const budget = Number(values.seconds) * 1000;
  const started = performance.now();
  while (
    steps.length < Number(values.steps) &&
    (steps.length === 0 || performance.now() - started < budget)
  ) {
    steps.push(timed(() => trainingStep(builtin, optimizer, batch)));
  }
  const profile = await tf.profile(() => trainingStep(builtin, optimizer, batch));
  const byKernel = new Map<string, number>();
  for (const kernel of profile.kernels) {
    if (kernel.name.endsWith('__op')) continue; // custom-gradient op scopes, not kernels
    byKernel.set(kernel.name, (byKernel.get(kernel.name) ?? 0) + Number(kernel.kernelTimeMs));
  }
  const total = [...byKernel.values()].reduce((a, b) => a + b, 0);
  const inDelegated = [...byKernel]
    .filter(([k]) => delegated.has(k))
    .reduce((a, [, ms]) => a + ms, 0);
  const medianCpuSeconds = median(steps.map((s) => s.cpuSeconds));
  tf.dispose([batch.xs, batch.ys]);
  optimizer.dispose();
  builtin.model.dispose();
  return {
    model: name,
    batch: batchSize,
    backend,
    steps,
    medianWallSeconds: median(steps.map((s) => s.wallSeconds)),
    medianCpuSeconds,
    samplesPerCpuSecond: batchSize / medianCpuSeconds,
    delegatedShare: backend === 'wasm' && total > 0 ? inDelegated / total : null,
    topKernels: [...byKernel]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([kernel, ms]) => ({ name: kernel, ms: Math.round(ms) })),
    loadAtStart,
  };
}

const machine = {
  date: new Date().toISOString(),
  nproc: shell('nproc'),
  cpu: shell('sh', '-c', "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").trim(),
  memory: shell('sh', '-c', 'free -h | awk \'/^Mem:/ {print $2 " total, " $7 " available"}\''),
  node: process.version,
  tfjs: tf.version_core,
  uptimeAtStart: shell('uptime'),
  uptimeAtEnd: '',
  wasm: {} as Record<string, unknown>,
};

const delegated = new Set(await registerWasmTrainingKernels());
await initBackend('wasm', () => {});
machine.wasm = {
  simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
  multithread: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
  delegatedKernels: [...delegated],
};
console.error(`machine: ${machine.nproc} cores, ${machine.memory}; ${machine.uptimeAtStart}`);

const rows: Row[] = [];
for (const name of values.models.split(',')) {
  for (const backend of BACKENDS) {
    const row = await measure(name, backend, delegated);
    rows.push(row);
    console.error(
      `${name} on ${backend}: ${row.medianCpuSeconds.toFixed(3)} CPU s / ${row.medianWallSeconds.toFixed(3)} wall s per step of ${row.batch} (load ${row.loadAtStart})`,
    );
  }
}
machine.uptimeAtEnd = shell('uptime');

const fmt = (x: number): string => (x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const lines = [
  '| model | batch | cpu: CPU s / step (wall) | wasm: CPU s / step (wall) | wasm speed-up (CPU s) | wasm samples/CPU s | wasm kernel time in delegated kernels | wasm top kernels (ms in a profiled step) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
];
for (const name of values.models.split(',')) {
  const cpu = rows.find((r) => r.model === name && r.backend === 'cpu')!;
  const wasm = rows.find((r) => r.model === name && r.backend === 'wasm')!;
  lines.push(
    `| ${name} | ${cpu.batch} | ${fmt(cpu.medianCpuSeconds)} (${fmt(cpu.medianWallSeconds)}) | ${fmt(wasm.medianCpuSeconds)} (${fmt(wasm.medianWallSeconds)}) | ${(cpu.medianCpuSeconds / wasm.medianCpuSeconds).toFixed(1)}× | ${wasm.samplesPerCpuSecond.toFixed(0)} | ${((wasm.delegatedShare ?? 0) * 100).toFixed(0)}% | ${wasm.topKernels.map((k) => `${k.name} ${k.ms}`).join(', ')} |`,
  );
}
const table = lines.join('\n');
writeFileSync(
  resolve(here, `${values.out}.json`),
  `${JSON.stringify({ machine, rows }, null, 2)}\n`,
);
writeFileSync(
  resolve(here, `${values.out}.md`),
  `${machine.date}: ${machine.nproc} cores (${machine.cpu}), ${machine.memory}, Node ${machine.node}, TF.js ${machine.tfjs}, wasm SIMD ${String(machine.wasm.simd)}, wasm threads ${String(machine.wasm.multithread)}\n\nuptime at start: ${machine.uptimeAtStart}\nuptime at end: ${machine.uptimeAtEnd}\n\n${table}\n`,
);
console.log(table);
