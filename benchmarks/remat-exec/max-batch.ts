/**
 * The Checkmate paper's maximum-batch experiment on Strata: the largest batch whose plan fits one
 * fixed activation budget, per solver, for the built-in CNN, U-Net and ResNet stack (FLOP-costed
 * graphs from the importer), and for the paper's VGG19 graph (examples/graphs/paper-vgg19.json,
 * bytes and costs scaled linearly from its batch of 256) as the anchor.
 *
 *   npx tsx benchmarks/remat-exec/max-batch.ts [--budget 256MiB] [--image-size 32] [--time-limit 60]
 *
 * Writes benchmarks/remat-exec/max-batch-results.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSize } from '@strata/cli';
import { parseGraphJson, toTopoGraph, type Graph } from '@strata/graph';
import { planRemat, type PlannerId } from '@strata/remat';
import { createBuiltinModel, initBackend } from '@strata/tfjs';
import { largestFitting, maxBatch } from '../../libs/remat-tfjs/src/search/max-batch.js';
import { loadNow, machineLine } from './machine.js';

const { values } = parseArgs({
  options: {
    budget: { type: 'string', default: '256MiB' },
    'image-size': { type: 'string', default: '32' },
    'time-limit': { type: 'string', default: '60' },
    models: { type: 'string', default: 'vgg-cnn,unet,resnet' },
    solvers: { type: 'string', default: 'checkpoint-all,chen-sqrtn,chen-greedy,lp-round,milp' },
    /** V100 16 GB less VGG19's parameters and their gradients (2 × 574.7 MB), as Checkmate budgets activations. */
    'vgg19-budget': { type: 'string', default: '14850000000' },
  },
});
const here = dirname(fileURLToPath(import.meta.url));
await initBackend('cpu', (line) => console.error(line));
const solvers = values.solvers.split(',') as PlannerId[];
const timeLimitSeconds = Number(values['time-limit']);
const out = {
  started: new Date().toISOString(),
  machine: machineLine(),
  options: values,
  rows: [] as {
    model: string;
    budgetBytes: number;
    solver: string;
    maxBatch: number;
    seconds: number;
    load: string;
  }[],
};
const save = () =>
  writeFileSync(join(here, 'max-batch-results.json'), `${JSON.stringify(out, null, 2)}\n`);
const record = (
  model: string,
  budgetBytes: number,
  solver: string,
  best: number,
  begin: number,
) => {
  const row = {
    model,
    budgetBytes,
    solver,
    maxBatch: best,
    seconds: (performance.now() - begin) / 1000,
    load: loadNow(),
  };
  out.rows.push(row);
  console.log(JSON.stringify(row));
  save();
};

/** A graph exported at batch `from`, at batch `to`: activation bytes and costs scale with the batch. */
function scaled(graph: Graph, from: number, to: number): Graph {
  const f = to / from;
  return {
    ...graph,
    nodes: graph.nodes.map((n) => ({
      ...n,
      outputBytes: Math.round(n.outputBytes * f),
      cost: n.cost * f,
    })),
  };
}

const vgg19 = parseGraphJson(
  readFileSync(join(here, '../../examples/graphs/paper-vgg19.json'), 'utf8'),
  'paper-vgg19.json',
);
const vggBudget = Number(values['vgg19-budget']);
for (const solver of solvers) {
  const begin = performance.now();
  const best = await largestFitting(async (batch) => {
    const plan = await planRemat(toTopoGraph(scaled(vgg19, 256, batch)), {
      budget: vggBudget,
      solver,
      timeLimitSeconds,
    });
    return plan.feasible;
  }, 4096);
  record('paper:vgg19 (224×224)', vggBudget, solver, best, begin);
}

const budgetBytes = parseSize(values.budget, 'budget');
for (const name of values.models.split(',')) {
  const builtin = createBuiltinModel(name, { seed: 1, imageSize: Number(values['image-size']) });
  for (const solver of solvers) {
    const begin = performance.now();
    const best = await maxBatch(builtin.model, solver, { budgetBytes, timeLimitSeconds });
    record(
      `builtin:${name} (${values['image-size']}×${values['image-size']})`,
      budgetBytes,
      solver,
      best,
      begin,
    );
  }
  builtin.model.dispose();
}
console.error(`done; load ${loadNow()}`);
