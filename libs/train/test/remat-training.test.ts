/**
 * Training by a remat plan (issue 13): `--memory-budget` plans for the model at the run's batch
 * size and every step follows the plan's schedule; `--remat-plan` applies a saved plan after
 * checking it belongs to this model and batch. Real TF.js (cpu), real planners and solvers.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@strata/cli';
import { toTopoGraph } from '@strata/graph';
import { planRemat } from '@strata/remat';
import { importTrainingGraph } from '@strata/remat-tfjs';
import { writeSyntheticData } from '../src/data/synthetic.js';
import { train } from '../src/loop/train.js';
import { initBackend } from '../src/model/backend.js';
import { buildModel, parseModelSpec } from '../src/model/models.js';
import { baseOptions, lossByStep, SYNTHETIC } from './helpers.js';

const MODEL = 'mlp:16-48-48-48-4';

describe('strata train by a remat plan', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-train-remat-'));
    await writeSyntheticData(join(dir, 'data'), SYNTHETIC);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const options = (name: string, extra: Parameters<typeof baseOptions>[1] = {}) =>
    baseOptions(dir, {
      model: MODEL,
      dropout: 0,
      steps: 8,
      checkpoint: join(dir, `ckpt-${name}`),
      metricsFile: join(dir, `${name}.jsonl`),
      ...extra,
    });

  it('follows the plan: the same losses as a plain run, the activation peak under the budget', async () => {
    const lines: string[] = [];
    await train(options('plain'));
    await train(options('remat', { memoryBudget: '60%', log: (line) => lines.push(line) }));
    const plain = await lossByStep(join(dir, 'plain.jsonl'));
    const remat = await lossByStep(join(dir, 'remat.jsonl'));
    expect([...remat.keys()]).toEqual([...plain.keys()]);
    for (const [step, loss] of plain) expect(Math.abs(remat.get(step)! - loss)).toBeLessThan(1e-5);

    const planned = lines.find((line) => line.startsWith('remat: milp plan'));
    expect(planned).toBeDefined();
    const [, budget, predicted, noRemat] = /budget (\d+) B, predicted peak (\d+) B of (\d+) B/
      .exec(planned!)!
      .map(Number);
    expect(predicted).toBeLessThanOrEqual(budget!);
    expect(predicted).toBeLessThan(noRemat!);
    const metrics = await readFile(join(dir, 'remat.jsonl'), 'utf8');
    for (const line of metrics.trim().split('\n')) {
      const { measuredPeakBytes } = JSON.parse(line) as { measuredPeakBytes: number };
      expect(measuredPeakBytes).toBeLessThanOrEqual(budget!);
    }
  }, 120_000);

  it('applies a saved plan for this model and batch, and refuses one made for another batch', async () => {
    await initBackend('cpu', () => undefined);
    const model = await buildModel(parseModelSpec(MODEL), 7);
    const planFor = async (batch: number) => {
      const topo = toTopoGraph(importTrainingGraph(model, { batch }).graph);
      const plan = await planRemat(topo, { budget: '70%', solver: 'milp' });
      const file = join(dir, `plan-b${batch}.json`);
      await writeFile(file, JSON.stringify(plan));
      return file;
    };
    const good = await planFor(8);
    const other = await planFor(16);
    model.dispose();

    await train(options('saved', { rematPlan: good }));
    const saved = await lossByStep(join(dir, 'saved.jsonl'));
    expect(saved.size).toBe(8);

    await expect(train(options('wrong', { rematPlan: other }))).rejects.toThrow(
      /another batch size or model/,
    );
  }, 120_000);

  it('refuses flags that cannot go together, before training', async () => {
    await expect(
      train(options('both', { memoryBudget: '60%', rematPlan: join(dir, 'plan-b8.json') })),
    ).rejects.toThrow(new UsageError('give --memory-budget or --remat-plan, not both'));
    await expect(train(options('solver-only', { rematSolver: 'milp' }))).rejects.toThrow(
      /--remat-solver chooses the planner for --memory-budget/,
    );
    await expect(train(options('dropout', { memoryBudget: '60%', dropout: 0.2 }))).rejects.toThrow(
      /--dropout/,
    );
    await expect(train(options('tiny', { memoryBudget: '10B' }))).rejects.toThrow(UsageError);
  }, 120_000);

  // Last: it switches the process to the wasm backend.
  it('on wasm, refuses a plain step whose activations cannot fit the heap, naming the --memory-budget that fits', async () => {
    // Four hidden layers of 512 units at batch 400000: 819 MB per activation, over 4 GiB in all.
    const wide = 'mlp:16-512-512-512-512-4';
    const checkpoint = join(dir, 'ckpt-wasm-plain');
    const refused = train(
      options('wasm-plain', { model: wide, backend: 'wasm', batchSize: 400_000, checkpoint }),
    );
    await expect(refused).rejects.toThrow(UsageError);
    const message = await refused.then(
      () => '',
      (error: Error) => error.message,
    );
    const [, budget] =
      /^a training step without a remat plan needs about [\d.]+ GiB on the wasm backend, over its 4\.00 GiB heap: give --memory-budget (\d+) \(/.exec(
        message,
      ) ?? [];
    expect(Number(budget)).toBeGreaterThan(0);
    expect(Number(budget)).toBeLessThan(4_294_901_760);
    expect(await readdir(checkpoint).catch(() => [])).toEqual([]);

    // The same model at a batch that fits trains on wasm without a plan.
    const small = await train(
      options('wasm-small', {
        model: wide,
        backend: 'wasm',
        steps: 1,
        checkpoint: join(dir, 'ckpt-wasm-small'),
      }),
    );
    expect(small.backend).toBe('wasm');
    expect(small.lastStep).toBe(1);
  }, 120_000);
});
