import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Argv } from 'yargs';
import { UsageError } from '@strata/cli';
import { runCommand } from '@strata/cli/testing';
import { loadGraphFile } from '@strata/graph';
import { planRemat } from '@strata/remat';
import { rematTfjsCommands } from '../src/cli/index.js';
import { parseMappedGraph } from '../src/index.js';
import { initBackend, uriIOHandler } from '@strata/tfjs';

/** The remat verbs under the umbrella's conventions; returns what they printed on stdout. */
const strata = (args: string[]) =>
  runCommand(
    {
      command: 'remat <command>',
      describe: 'remat',
      builder: (y: Argv) => rematTfjsCommands.reduce((built, c) => built.command(c), y),
      handler: () => {},
    },
    args,
  );

/** Saves a Layers model as model.json + weights.bin in `folder`, as `strata train` saves models. */
async function saveModelJson(model: tfl.LayersModel, folder: string): Promise<string> {
  await model.save(uriIOHandler(folder));
  return join(folder, 'model.json');
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
const RUN_FIELDS = [
  'model',
  'batch',
  'solver',
  'backend',
  'feasible',
  'budgetBytes',
  'predictedPeakBytes',
  'measuredPeakBytes',
  'allowanceBytes',
  'stepSeconds',
  'baselineStepSeconds',
  'predictedOverhead',
  'measuredOverhead',
];

let dir: string;
let unseen: string;
let unsupported: string;
beforeAll(async () => {
  await initBackend('cpu', () => {});
  dir = await mkdtemp(join(tmpdir(), 'remat-tfjs-cli-'));
  // An "unseen" functional model, given only as a model.json.
  const input = tfl.input({ shape: [6, 6, 1] });
  const a = tfl.layers
    .conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' })
    .apply(input) as tfl.SymbolicTensor;
  const b = tfl.layers
    .conv2d({ filters: 3, kernelSize: 3, padding: 'same' })
    .apply(a) as tfl.SymbolicTensor;
  const c = tfl.layers.add().apply([a, b]) as tfl.SymbolicTensor;
  const d = tfl.layers.flatten().apply(c) as tfl.SymbolicTensor;
  const e = tfl.layers.dense({ units: 4 }).apply(d) as tfl.SymbolicTensor;
  await mkdir(join(dir, 'unseen'));
  unseen = await saveModelJson(tfl.model({ inputs: input, outputs: e }), join(dir, 'unseen'));
  const gru = tfl.sequential({
    layers: [
      tfl.layers.conv1d({ filters: 2, kernelSize: 2, inputShape: [5, 3] }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 1 }),
    ],
  });
  await mkdir(join(dir, 'conv1d'));
  unsupported = await saveModelJson(gru, join(dir, 'conv1d'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('remat graph', () => {
  it('exports a model.json as a graph with its node ↔ layer mapping', async () => {
    const out = join(dir, 'unseen-graph.json');
    await strata([
      'remat',
      'graph',
      '--model',
      unseen,
      '--batch',
      '3',
      '--out',
      out,
      '--backend',
      'cpu',
    ]);
    const text = await readFile(out, 'utf8');
    const { graph, mapping } = parseMappedGraph(text, out);
    expect(mapping.batch).toBe(3);
    expect(mapping.layers.map((l) => l.className)).toEqual([
      'Conv2D',
      'Conv2D',
      'Add',
      'Flatten',
      'Dense',
    ]);
    expect(graph.nodes).toHaveLength(2 * 5 + 1);
    // The planners read it as any graph file.
    expect((await loadGraphFile(out)).nodes).toHaveLength(11);
  });

  it.each([
    [['--model', 'builtin:nope'], /unknown built-in model 'nope'/],
    [['--model', 'UNSUPPORTED'], /is a Conv1D, which the remat importer does not support/],
    [['--model', join(dir ?? '', 'missing.json')], /cannot read the model/],
  ])('refuses %p in one line and writes nothing', async (flags, message) => {
    const out = join(dir, 'refused.json');
    const args = flags.map((f) => (f === 'UNSUPPORTED' ? unsupported : f));
    const error = await strata([
      'remat',
      'graph',
      ...args,
      '--batch',
      '2',
      '--out',
      out,
      '--backend',
      'cpu',
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
    expect(await exists(out)).toBe(false);
  });
});

describe('remat run', () => {
  it('trains an unseen model.json by a plan with the plain gradients (the contract fields)', async () => {
    const out = await strata([
      'remat',
      'run',
      '--model',
      unseen,
      '--batch',
      '2',
      '--budget',
      '80%',
      '--solver',
      'milp',
      '--steps',
      '2',
      '--check-gradients',
      '--backend',
      'cpu',
      '--json',
    ]);
    const report = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual([...RUN_FIELDS, 'maxGradientDiff'].sort());
    expect(report['feasible']).toBe(true);
    expect(report['maxGradientDiff']).toBeLessThanOrEqual(1e-5);
    expect(report['measuredPeakBytes']).toBe(report['predictedPeakBytes']);
    expect(report['measuredPeakBytes'] as number).toBeLessThanOrEqual(
      report['budgetBytes'] as number,
    );
  });

  it('answers a budget below every plan with feasible false and exit 0', async () => {
    const out = await strata([
      'remat',
      'run',
      '--model',
      'builtin:mlp',
      '--batch',
      '2',
      '--budget',
      '1',
      '--solver',
      'chen-greedy',
      '--backend',
      'cpu',
      '--json',
    ]);
    const report = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual([...RUN_FIELDS].sort());
    expect(report['feasible']).toBe(false);
    expect(report['measuredPeakBytes']).toBeNull();
  });

  it('refuses a plan made for another batch size in one line', async () => {
    const graphFile = join(dir, 'mlp-b2.json');
    await strata([
      'remat',
      'graph',
      '--model',
      'builtin:mlp',
      '--batch',
      '2',
      '--out',
      graphFile,
      '--backend',
      'cpu',
    ]);
    const plan = await planRemat(await loadGraphFile(graphFile), {
      budget: '100%',
      solver: 'checkpoint-all',
    });
    const planFile = join(dir, 'mlp-b2-plan.json');
    await writeFile(planFile, JSON.stringify(plan));
    const run = (batch: string) =>
      strata([
        'remat',
        'run',
        '--model',
        'builtin:mlp',
        '--batch',
        batch,
        '--plan',
        planFile,
        '--steps',
        '1',
        '--backend',
        'cpu',
        '--json',
      ]);
    const error = await run('3').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/another batch size or model/);
    // The same plan at its own batch runs.
    expect(JSON.parse(await run('2'))['feasible']).toBe(true);
  });
});

describe('remat max-batch', () => {
  it('reports the largest batch per solver, never more for checkpoint-all than the MILP', async () => {
    const out = await strata([
      'remat',
      'max-batch',
      '--model',
      'builtin:mlp',
      '--budget',
      '64KiB',
      '--solvers',
      'checkpoint-all,milp',
      '--backend',
      'cpu',
      '--json',
    ]);
    const result = JSON.parse(out) as {
      budgetBytes: number;
      results: { solver: string; maxBatch: number }[];
    };
    expect(Object.keys(result).sort()).toEqual(['budgetBytes', 'results']);
    expect(result.budgetBytes).toBe(65536);
    const [all, milp] = result.results;
    expect(all!.solver).toBe('checkpoint-all');
    expect(all!.maxBatch).toBeGreaterThan(0);
    expect(milp!.maxBatch).toBeGreaterThanOrEqual(all!.maxBatch);
  });
});
