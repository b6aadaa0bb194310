import * as tf from '@tensorflow/tfjs-core';
import {
  builtinModelNames,
  createBuiltinModel,
  initBackend,
  lossAndGradients,
  type BuiltinModelOptions,
} from '../src/index.js';

const OPTIONS: BuiltinModelOptions = { seed: 3, imageSize: 8, sequenceLength: 6 };
const BATCH = 2;

interface StepResult {
  loss: number;
  grads: Record<string, Float32Array>;
}

/** Builds the model on the active backend with `weights` (when given), runs one gradient step. */
function gradientStep(
  name: string,
  weights?: Float32Array[],
): { step: StepResult; weights: Float32Array[] } {
  const builtin = createBuiltinModel(name, OPTIONS);
  if (weights) {
    builtin.model.setWeights(
      builtin.model.getWeights().map((w, i) => tf.tensor(weights[i]!, w.shape, w.dtype)),
    );
  }
  const own = builtin.model.getWeights().map((w) => w.dataSync() as Float32Array);
  const { loss, grads } = lossAndGradients(builtin, builtin.makeBatch(BATCH, 9));
  const step: StepResult = {
    loss: loss.dataSync()[0]!,
    // Keyed by position and layer/weight name: the variables' names get a process-wide suffix
    // (`conv1/kernel_1`) when a model with the same layer names was built before.
    grads: Object.fromEntries(
      builtin.model.trainableWeights.map((w, i) => [
        `${i}:${w.originalName.replace(/_\d+$/, '')}`,
        grads[w.name]!.dataSync() as Float32Array,
      ]),
    ),
  };
  tf.dispose([loss, ...Object.values(grads)]);
  builtin.model.dispose();
  return { step, weights: own };
}

/** Tolerance per element: see the test's comment. */
const TOLERANCE = (reference: number): number => 1e-4 * (1 + Math.abs(reference));

describe.each(builtinModelNames)('%s: one gradient step on wasm', (name) => {
  it('runs and equals the cpu result within float32 tolerance', async () => {
    await initBackend('cpu', () => {});
    const cpu = gradientStep(name);
    await initBackend('wasm', () => {});
    // The same starting weights: the orthogonal initializer's QR would differ in the last bits.
    const wasm = gradientStep(name, cpu.weights);

    // Both run float32 with different summation orders (XNNPACK's blocked, FMA-using kernels
    // against the cpu backend's loops): each result carries a relative error of a few ulp times
    // the reduction length, here at most ~10^3 terms at ~6e-8 per ulp, so 1e-4 relative (plus
    // 1e-4 absolute for values near zero) bounds honest rounding with room, while any real
    // difference in a kernel (a wrong gradient, a dropped term) is orders of magnitude larger.
    expect(Math.abs(wasm.step.loss - cpu.step.loss)).toBeLessThanOrEqual(TOLERANCE(cpu.step.loss));
    expect(Object.keys(wasm.step.grads).sort()).toEqual(Object.keys(cpu.step.grads).sort());
    let worst = { name: '', excess: -Infinity };
    for (const [variable, reference] of Object.entries(cpu.step.grads)) {
      const values = wasm.step.grads[variable]!;
      expect(values.length).toBe(reference.length);
      reference.forEach((r, i) => {
        const excess = Math.abs(values[i]! - r) - TOLERANCE(r);
        if (excess > worst.excess) worst = { name: `${variable}[${i}]`, excess };
      });
    }
    expect(worst).toEqual({ name: worst.name, excess: Math.min(worst.excess, 0) });
    // The gradient is not trivially zero.
    const norm = Object.values(cpu.step.grads).reduce(
      (s, g) => s + g.reduce((a, v) => a + v * v, 0),
      0,
    );
    expect(norm).toBeGreaterThan(0);
  });
});
