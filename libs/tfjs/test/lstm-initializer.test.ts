import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '../src/index.js';

// tfjs-layers' Orthogonal initializer (the LSTM's default recurrent initializer) calls Tensor
// methods that tfjs-core's Node entry does not install; importing @strata/tfjs installs them.
describe.each(['cpu', 'wasm'] as const)('LSTM with its default initializers on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend, () => {});
  });

  it('builds, and its recurrent kernel is orthogonal', () => {
    const units = 6;
    const model = tfl.sequential({
      layers: [tfl.layers.lstm({ units, inputShape: [4, 3] })],
    });
    expect(tf.getBackend()).toBe(backend);
    const [, recurrent] = model.getWeights();
    expect(recurrent!.shape).toEqual([units, 4 * units]);
    // The rows of a [units, 4·units] orthogonal matrix are orthonormal: W·Wᵀ = I.
    const gram = tf.matMul(recurrent!, recurrent!, false, true).arraySync() as number[][];
    gram.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 5)));
    const out = model.predict(tf.ones([2, 4, 3])) as tf.Tensor;
    expect(out.shape).toEqual([2, units]);
  });
});
