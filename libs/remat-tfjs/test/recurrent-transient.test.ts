/**
 * The heap-ceiling check's transient for recurrent layers against what a (Bi)LSTM's VJP really
 * holds: the layer re-run under a tape by the executor's layerVjp, its high-water mark in
 * `tf.memory()` bytes on the cpu backend. The estimate must not be below it (the check would let
 * a step abort the wasm heap) nor far above it (it would refuse steps that fit).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import '@strata/tfjs';
import { importTrainingGraph, transientBytes } from '../src/index.js';
import { layerVjp } from '../src/execute/layer-ops.js';
import { recurrentTransientBytes } from '../src/execute/recurrent-transient.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Shape {
  batch: number;
  steps: number;
  width: number;
  units: number;
  bidirectional: boolean;
}

/** One recurrent layer over [steps, width] inputs, then a Dense head (the importer's output). */
function recurrentModel({ steps, width, units, bidirectional }: Shape): tfl.LayersModel {
  const input = tfl.input({ shape: [steps, width] });
  const lstm = tfl.layers.lstm({
    units,
    returnSequences: true,
    kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
    recurrentInitializer: tfl.initializers.orthogonal({ seed: 2 }),
  });
  const recurrent = bidirectional
    ? tfl.layers.bidirectional({ layer: lstm as tfl.RNN, mergeMode: 'concat' })
    : lstm;
  const states = recurrent.apply(input) as tfl.SymbolicTensor;
  const output = tfl.layers.dense({ units: 3 }).apply(states) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output });
}

/** Peak `tf.memory()` bytes above the start while the layer's VJP runs (inputs and dy held). */
async function measuredTransient(model: tfl.LayersModel, batch: number): Promise<number> {
  const { entries } = importTrainingGraph(model, { batch });
  const entry = entries[0]!;
  const [steps, width] = model.inputs[0]!.shape.slice(1) as number[];
  const x = tf.randomNormal([batch, steps!, width!], 0, 1, 'float32', 3);
  const dy = tf.randomNormal([batch, ...entry.outputShape], 0, 1, 'float32', 4);
  const before = tf.memory().numBytes;
  const profile = await tf.profile(() => {
    const { inputs, weights } = layerVjp(entry, [x], [true], dy, true);
    tf.dispose([...inputs, ...weights].filter((t): t is tf.Tensor => t !== null));
  });
  expect(tf.memory().numBytes).toBe(before);
  tf.dispose([x, dy]);
  return profile.peakBytes - before;
}

describe('the transient of a recurrent layer', () => {
  it.each<Shape>([
    // ContraCode's BiLSTM: batch 16, 48 tokens, width 32; its second layer reads 64-wide states.
    { batch: 16, steps: 48, width: 32, units: 32, bidirectional: true },
    { batch: 16, steps: 48, width: 64, units: 32, bidirectional: true },
    { batch: 4, steps: 100, width: 16, units: 8, bidirectional: true },
    { batch: 8, steps: 20, width: 12, units: 24, bidirectional: false },
  ])('%p: the estimate covers the measured VJP and is under 2× it', async (shape) => {
    const model = recurrentModel(shape);
    try {
      const measured = await measuredTransient(model, shape.batch);
      const imported = importTrainingGraph(model, { batch: shape.batch });
      const estimate = recurrentTransientBytes(imported.entries[0]!, shape.batch);
      expect(estimate).not.toBeNull();
      expect(estimate!).toBeGreaterThanOrEqual(measured);
      expect(estimate!).toBeLessThanOrEqual(2 * measured);
      // The check's transient is the largest layer's: here the recurrent one.
      expect(transientBytes(imported)).toBe(estimate);
    } finally {
      model.dispose();
    }
  });

  it('is not applied to a feed-forward layer', () => {
    const model = recurrentModel({ batch: 2, steps: 4, width: 3, units: 2, bidirectional: false });
    try {
      const { entries } = importTrainingGraph(model, { batch: 2 });
      expect(recurrentTransientBytes(entries[1]!, 2)).toBeNull();
    } finally {
      model.dispose();
    }
  });
});
