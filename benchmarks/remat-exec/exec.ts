/**
 * Predicted vs measured peak and step time per built-in model and solver: each model's graph is
 * profiled on the backend (median of 5 runs per node after a warm-up), planned at one budget by
 * every solver, and trained `--steps` steps by each plan with the executor, alternating with steps
 * of the no-remat baseline (the checkpoint-all plan, same executor) so both see the same load.
 * Wall and process-CPU seconds are both recorded: on a shared machine CPU time is the steadier.
 *
 *   npx tsx benchmarks/remat-exec/exec.ts [--backend cpu] [--budget 70%] [--batch 8] [--image-size 16]
 *     [--sequence-length 16] [--steps 4] [--models mlp,vgg-cnn,...] [--solvers ...]
 *
 * Writes benchmarks/remat-exec/exec-results.json and prints markdown rows.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBuiltinModel, initBackend } from '@strata/tfjs';
import type { PlannerId } from '@strata/remat';
import { importGraph, runRemat, type RunReport } from '../../libs/remat-tfjs/src/run/run-remat.js';
import type { LoadedModel } from '../../libs/remat-tfjs/src/models/load-model.js';
import { loadNow, machineLine } from './machine.js';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'cpu' },
    budget: { type: 'string', default: '70%' },
    batch: { type: 'string', default: '8' },
    'image-size': { type: 'string', default: '16' },
    'sequence-length': { type: 'string', default: '16' },
    steps: { type: 'string', default: '4' },
    models: { type: 'string', default: 'mlp,vgg-cnn,unet,resnet,bilstm,transformer' },
    solvers: { type: 'string', default: 'checkpoint-all,chen-sqrtn,chen-greedy,lp-round,milp' },
    out: { type: 'string', default: 'exec-results.json' },
  },
});

const backend = await initBackend(values.backend as never, (line) => console.error(line));
const batch = Number(values.batch);
const steps = Number(values.steps);
const solvers = values.solvers.split(',') as PlannerId[];
const started = new Date().toISOString();
const machine = machineLine();
console.error(machine);
const rows: (RunReport & {
  load: string;
  profileSeconds: number;
  cpuStepSeconds: number | null;
  cpuBaselineStepSeconds: number | null;
  cpuMeasuredOverhead: number | null;
})[] = [];
for (const name of values.models.split(',')) {
  const builtin = createBuiltinModel(name, {
    seed: 1,
    imageSize: Number(values['image-size']),
    sequenceLength: Number(values['sequence-length']),
  });
  const model: LoadedModel = {
    label: `builtin:${name}`,
    model: builtin.model,
    loss: (labels, logits) => builtin.loss.compute(labels, logits),
    lossName: builtin.loss.name,
    makeBatch: (size, seed) => builtin.makeBatch(size, seed),
  };
  const common = {
    model,
    batch,
    backend,
    steps,
    profile: true,
    seed: 1,
    planner: { timeLimitSeconds: 60 },
  };
  const profileStart = performance.now();
  const graph = await importGraph({ ...common, budget: values.budget, solver: 'checkpoint-all' });
  const profileSeconds = (performance.now() - profileStart) / 1000;
  for (const solver of solvers) {
    const budget = solver === 'checkpoint-all' ? '100%' : values.budget;
    const { report, cpu } = await runRemat({ ...common, graph, budget, solver });
    const row = {
      ...report,
      load: loadNow(),
      profileSeconds,
      cpuStepSeconds: cpu?.stepSeconds ?? null,
      cpuBaselineStepSeconds: cpu?.baselineStepSeconds ?? null,
      cpuMeasuredOverhead: cpu?.baselineStepSeconds
        ? cpu.stepSeconds / cpu.baselineStepSeconds
        : null,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
    writeFileSync(
      resolve(dirname(fileURLToPath(import.meta.url)), values.out),
      `${JSON.stringify({ started, machine, options: values, backend, rows }, null, 2)}\n`,
    );
  }
  builtin.model.dispose();
}
console.error(`done; load ${loadNow()}`);
