import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { planRemat, plannerIds } from '@strata/remat';
import { toTopoGraph } from '@strata/graph';
import { createRematStep, importTrainingGraph } from '../src/index.js';
import { dropoutMlp, residualCnn, sequenceModel, type SmallModel } from './support/small-models.js';

/**
 * Sixteen plans (every planner at two budgets, MILP and LP limited to 20 s each) and their steps:
 * seconds on an idle machine, minutes on a shared 2-core one (jest's 60 s default fired at load ~25).
 */
const PLANS_TIMEOUT_MS = 8 * 60_000;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function maxDiff(a: tf.NamedTensorMap, b: tf.NamedTensorMap): number {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  return Math.max(
    ...Object.keys(a).map((name) =>
      tf.tidy(() => tf.max(tf.abs(tf.sub(a[name]!, b[name]!))).dataSync()[0]!),
    ),
  );
}

describe.each([dropoutMlp, residualCnn, sequenceModel])('%p', (make) => {
  let small: SmallModel;
  beforeAll(() => {
    small = make();
  });
  afterAll(() => small.model.dispose());

  it(
    'trains by every planner at two budgets with the plain gradients, no leaks, within budget',
    async () => {
      const batch = 4;
      const imported = importTrainingGraph(small.model, { batch });
      const topo = toTopoGraph(imported.graph);
      let feasible = 0;
      for (const budget of ['100%', '60%']) {
        for (const solver of plannerIds()) {
          const plan = await planRemat(topo, { budget, solver, timeLimitSeconds: 20 });
          if (!plan.feasible) continue;
          feasible += 1;
          const step = await createRematStep(small.model, small.loss, {
            batch,
            plan,
            graph: imported,
            seed: 3,
          });
          const { xs, ys } = small.makeBatch(batch, 7);
          const before = tf.memory().numTensors;
          const reference = step.referenceGradients(xs, ys);
          const run = step.computeGradients(xs, ys);
          expect(maxDiff(run.grads, reference.grads)).toBeLessThanOrEqual(1e-5);
          expect(
            Math.abs(run.loss.dataSync()[0]! - reference.loss.dataSync()[0]!),
          ).toBeLessThanOrEqual(1e-5);
          expect(run.peakBytes).toBeLessThanOrEqual(plan.budgetBytes);
          expect(run.peakBytes).toBe(plan.peakBytes);
          tf.dispose([
            run.loss,
            reference.loss,
            ...Object.values(run.grads),
            ...Object.values(reference.grads),
          ]);
          expect(tf.memory().numTensors).toBe(before);
          tf.dispose([xs, ys]);
        }
      }
      expect(feasible).toBeGreaterThan(4);
    },
    PLANS_TIMEOUT_MS,
  );
});
