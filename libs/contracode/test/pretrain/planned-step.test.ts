/**
 * `--memory-budget`: the query encoder's step by a remat plan (libs/remat-tfjs's executor) gives
 * the plain step's gradients for both encoders and every objective, leaks no tensor, measures its
 * peak, and a budget no plan fits is refused naming the smallest that does.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { SeededRng } from '@strata/train';
import {
  ENCODER_DEFAULTS,
  buildCodeEncoder,
  REPRESENTATION_WIDTH,
  type CodeEncoder,
  type EncoderConfig,
} from '../../src/models/index.js';
import { l2Normalize } from '../../src/pretrain/info-nce.js';
import { maskTokens } from '../../src/pretrain/masking.js';
import type { Objective } from '../../src/pretrain/objectives.js';
import { toTopoGraph } from '@strata/graph';
import { noRematPeak } from '@strata/remat';
import { importTrainingGraph, smallestBudgetOfAny } from '@strata/remat-tfjs';
import {
  plannedModel,
  planQueryStep,
  queryModel,
  type QueryOutputs,
} from '../../src/pretrain/planned-query.js';
import { stepLoss } from '../../src/pretrain/step-loss.js';
import { FIRST_PIECE_ID } from '../../src/tokenizer/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const BATCH = 3;
const SMALL = { vocabSize: 300, sequenceLength: 8, layers: 2 };
const CONFIGS: Record<'bilstm' | 'transformer', EncoderConfig> = {
  bilstm: { ...ENCODER_DEFAULTS.bilstm, ...SMALL, width: 6 },
  // Dropout on: the planned step must draw the plain step's masks, in every recomputation too.
  transformer: {
    ...ENCODER_DEFAULTS.transformer,
    ...SMALL,
    width: 8,
    heads: 2,
    feedForward: 12,
    dropout: 0.1,
  },
};

function batchIds(config: EncoderConfig, rng: SeededRng): Int32Array {
  const ids = new Int32Array(BATCH * config.sequenceLength);
  for (let i = 0; i < ids.length; i += 1)
    ids[i] = FIRST_PIECE_ID + Math.floor(rng.nextFloat() * (config.vocabSize - FIRST_PIECE_ID));
  return ids;
}

/**
 * Halfway between the smallest budget a plan fits and the no-remat peak: a budget that needs a
 * plan for every objective (the masked-LM logits and their gradient alone take most of an MLM step).
 */
async function budgetThatNeedsAPlan(encoder: CodeEncoder, objective: Objective): Promise<string> {
  const graph = importTrainingGraph(plannedModel(encoder, objective), { batch: BATCH });
  const topo = toTopoGraph(graph.graph);
  const smallest = await smallestBudgetOfAny(topo, ['greedy-remat']);
  return String(Math.floor((smallest!.budgetBytes + noRematPeak(topo)) / 2));
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe.each(['bilstm', 'transformer'] as const)('a planned %s query step', (kind) => {
  it.each(['moco', 'mlm', 'hybrid'] as const)(
    '%s: the plain step gradients (max abs diff <= 1e-5), no leak, peak measured',
    async (objective: Objective) => {
      const config = CONFIGS[kind];
      const encoder = buildCodeEncoder(config, 7, `q_${kind}_${objective}`);
      const rng = SeededRng.fromSeed(11);
      const queries = batchIds(config, rng);
      const masked = objective === 'moco' ? null : maskTokens(queries, config.vocabSize, rng);
      const keyRows =
        objective === 'mlm'
          ? null
          : l2Normalize(tf.randomNormal([BATCH, REPRESENTATION_WIDTH], 0, 1, 'float32', 3));
      const negatives =
        objective === 'mlm'
          ? null
          : tf.randomNormal<tf.Rank.R2>([10, REPRESENTATION_WIDTH], 0, 1, 'float32', 4);
      const ids = tf.tensor2d(
        masked ? masked.inputs : queries,
        [BATCH, config.sequenceLength],
        'int32',
      );
      const metrics: Record<string, number> = {};
      const loss = stepLoss({ objective, keyRows, negatives, masked, metrics });

      const planned = await planQueryStep(encoder, {
        objective,
        batchSize: BATCH,
        budget: await budgetThatNeedsAPlan(encoder, objective),
        // Quick in CI; the CLI's default (milp) plans the same graph in the CLI test.
        solver: 'greedy-remat',
      });
      expect(planned.plan.feasible).toBe(true);
      // The plan recomputes: it is not the no-remat schedule in disguise.
      expect(planned.plan.cost!).toBeGreaterThan(planned.plan.baselineCost);

      const model = queryModel(encoder, objective);
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const plain = tf.variableGrads(
        () => loss(model.apply(ids, { training: true }) as QueryOutputs),
        variables,
      );
      const plainMetrics = { ...metrics };

      const before = tf.memory().numTensors;
      const run = planned.gradients(ids, loss);
      // The update `minimize` would apply: the same variables in the same order.
      expect(Object.keys(run.grads)).toEqual(Object.keys(plain.grads));
      expect(Math.abs(run.loss.dataSync()[0]! - plain.value.dataSync()[0]!)).toBeLessThanOrEqual(
        1e-5,
      );
      const diffs = Object.keys(plain.grads).map(
        (name) => [name, maxAbsDiff(run.grads[name]!, plain.grads[name]!)] as const,
      );
      expect(diffs.length).toBe(variables.length);
      expect(diffs.filter(([, diff]) => !(diff <= 1e-5))).toEqual([]);
      expect(metrics).toEqual(
        Object.fromEntries(Object.entries(plainMetrics).map(([k, v]) => [k, expect.closeTo(v, 5)])),
      );
      // Measured on the cpu backend: within the plan's predicted peak plus the stated allowance.
      expect(run.measuredPeakBytes).toBeGreaterThan(0);
      expect(run.measuredPeakBytes).toBeLessThanOrEqual(planned.plan.peakBytes! * 1.02);
      tf.dispose([run.loss, ...Object.values(run.grads)]);
      expect(tf.memory().numTensors).toBe(before);

      tf.dispose([plain.value, ...Object.values(plain.grads), ids]);
      keyRows?.dispose();
      negatives?.dispose();
      encoder.dispose();
    },
  );
});

describe('a budget no plan fits', () => {
  it('is refused in one line naming the smallest budget that fits, which then plans', async () => {
    const encoder = buildCodeEncoder(CONFIGS.bilstm, 1, 'q_small');
    const refusal = planQueryStep(encoder, { objective: 'moco', batchSize: BATCH, budget: '1KiB' });
    await expect(refusal).rejects.toThrow(
      /^no remat plan fits the bilstm query encoder \(moco\) at batch 3 in --memory-budget 1KiB \(1\.00 KiB\): the smallest budget that fits is \d+ bytes/,
    );
    const message = await refusal.then(
      () => '',
      (error: Error) => error.message,
    );
    expect(message).not.toContain('\n');
    const [, solver, smallest] = /, ([a-z-]+)\); give --memory-budget (\d+) or more/.exec(message)!;
    const planned = await planQueryStep(encoder, {
      objective: 'moco',
      batchSize: BATCH,
      budget: smallest!,
      solver: solver!,
    });
    expect(planned.plan.feasible).toBe(true);
    expect(planned.plan.peakBytes!).toBeLessThanOrEqual(Number(smallest));
    encoder.dispose();
  });
});
