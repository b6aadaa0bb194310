/**
 * Pretraining's heap-ceiling check counts the loss's working set: measured here as the
 * `tf.memory()` high-water mark of each objective's loss and gradient on the cpu backend, which
 * the estimate must cover within 2×.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { REPRESENTATION_WIDTH } from '../../src/models/index.js';
import type { Objective } from '../../src/pretrain/objectives.js';
import { lossWorkingBytes } from '../../src/pretrain/plain-step-fits.js';
import { stepLoss } from '../../src/pretrain/step-loss.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function measuredLoss(
  objective: Objective,
  batch: number,
  queue: number,
  tokens: number,
  vocab: number,
): Promise<number> {
  const keyRows = tf.randomNormal([batch, REPRESENTATION_WIDTH], 0, 1, 'float32', 1) as tf.Tensor2D;
  const negatives = tf.randomNormal(
    [queue, REPRESENTATION_WIDTH],
    0,
    1,
    'float32',
    2,
  ) as tf.Tensor2D;
  const masked = {
    inputs: new Int32Array(batch * tokens),
    targets: new Int32Array(batch * tokens).fill(3),
    weights: new Float32Array(batch * tokens).fill(1),
  };
  const representation = tf.variable(
    tf.randomNormal([batch, REPRESENTATION_WIDTH], 0, 1, 'float32', 3),
  );
  const logits = tf.variable(tf.randomNormal([batch, tokens, vocab], 0, 1, 'float32', 4));
  const loss = stepLoss({ objective, keyRows, negatives, masked, metrics: {} });
  const [outputs, wrt] =
    objective === 'moco'
      ? [representation, [representation]]
      : objective === 'mlm'
        ? [logits, [logits]]
        : [
            [representation, logits],
            [representation, logits],
          ];
  const before = tf.memory().numBytes;
  const profile = await tf.profile(() => {
    const { value, grads } = tf.variableGrads(
      () => loss(outputs as Parameters<typeof loss>[0]),
      wrt as tf.Variable[],
    );
    value.dispose();
    tf.dispose(Object.values(grads));
  });
  expect(tf.memory().numBytes).toBe(before);
  tf.dispose([keyRows, negatives, representation, logits]);
  return profile.peakBytes - before;
}

describe("the pretraining step's loss working set", () => {
  it.each<[Objective, number, number, number, number]>([
    // ContraCode's settings: batch 16, 48 tokens, a queue of 4,096 (fewer ids than its 2,000).
    ['moco', 16, 4096, 48, 2000],
    ['mlm', 16, 4096, 48, 500],
    ['hybrid', 16, 4096, 48, 500],
    ['mlm', 8, 1024, 32, 300],
    ['hybrid', 8, 1024, 32, 500],
  ])(
    '%s at batch %d, queue %d, %d tokens, %d ids: covered within 2×',
    async (objective, batch, queue, tokens, vocab) => {
      const measured = await measuredLoss(objective, batch, queue, tokens, vocab);
      const estimate = lossWorkingBytes(
        { objective, batchSize: batch, queueSize: objective === 'mlm' ? null : queue },
        { sequenceLength: tokens, vocabSize: vocab },
      );
      expect(estimate).toBeGreaterThanOrEqual(measured);
      expect(estimate).toBeLessThanOrEqual(2 * measured);
    },
  );
});
