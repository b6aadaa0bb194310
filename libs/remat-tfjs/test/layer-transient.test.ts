/**
 * The heap-ceiling check's transient for recurrent and attention layers against what their VJP
 * really holds: the layer re-run under a tape by the executor's layerVjp, its high-water mark in
 * `tf.memory()` bytes on the cpu backend. The estimate must not be below it (the check would let
 * a step abort the wasm heap) nor far above it (it would refuse steps that fit).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { MultiHeadSelfAttention } from '@strata/tfjs';
import { importTrainingGraph, transientBytes } from '../src/index.js';
import { layerVjp } from '../src/execute/layer-ops.js';
import { layerTransientBytes } from '../src/execute/layer-transient.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** One layer over [tokens, width] inputs, then a Dense head (the importer's output). */
function oneLayerModel(tokens: number, width: number, layer: tfl.layers.Layer): tfl.LayersModel {
  const input = tfl.input({ shape: [tokens, width] });
  const states = layer.apply(input) as tfl.SymbolicTensor;
  const output = tfl.layers.dense({ units: 3 }).apply(states) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output });
}

/** Peak `tf.memory()` bytes above the start while the first layer's VJP runs (x and dy held). */
async function measuredTransient(model: tfl.LayersModel, batch: number): Promise<number> {
  const { entries } = importTrainingGraph(model, { batch });
  const entry = entries[0]!;
  const [tokens, width] = model.inputs[0]!.shape.slice(1) as number[];
  const x = tf.randomNormal([batch, tokens!, width!], 0, 1, 'float32', 3);
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

async function expectCovered(model: tfl.LayersModel, batch: number): Promise<void> {
  try {
    const measured = await measuredTransient(model, batch);
    const imported = importTrainingGraph(model, { batch });
    const estimate = layerTransientBytes(imported.entries[0]!, batch);
    expect(estimate).not.toBeNull();
    expect(estimate!).toBeGreaterThanOrEqual(measured);
    expect(estimate!).toBeLessThanOrEqual(2 * measured);
    // The check's transient is the largest layer's: here the modelled one.
    expect(transientBytes(imported)).toBe(estimate);
  } finally {
    model.dispose();
  }
}

interface RecurrentShape {
  batch: number;
  steps: number;
  width: number;
  units: number;
  bidirectional: boolean;
}

describe('the transient of a layer VJP', () => {
  it.each<RecurrentShape>([
    // ContraCode's BiLSTM: batch 16, 48 tokens, width 32; its second layer reads 64-wide states.
    { batch: 16, steps: 48, width: 32, units: 32, bidirectional: true },
    { batch: 16, steps: 48, width: 64, units: 32, bidirectional: true },
    { batch: 4, steps: 100, width: 16, units: 8, bidirectional: true },
    { batch: 8, steps: 20, width: 12, units: 24, bidirectional: false },
  ])('LSTM %p: the estimate covers the measured VJP within 2×', async (shape) => {
    const lstm = tfl.layers.lstm({
      units: shape.units,
      returnSequences: true,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }),
      recurrentInitializer: tfl.initializers.orthogonal({ seed: 2 }),
    });
    const layer = shape.bidirectional
      ? tfl.layers.bidirectional({ layer: lstm as tfl.RNN, mergeMode: 'concat' })
      : lstm;
    await expectCovered(oneLayerModel(shape.steps, shape.width, layer), shape.batch);
  });

  it.each([
    // ContraCode's Transformer block: batch 16, 48 tokens, width 32, 4 heads.
    { batch: 16, tokens: 48, width: 32, heads: 4 },
    { batch: 2, tokens: 200, width: 16, heads: 2 },
    { batch: 8, tokens: 12, width: 64, heads: 8 },
  ])('MultiHeadSelfAttention %p: the estimate covers the measured VJP within 2×', async (shape) => {
    const layer = new MultiHeadSelfAttention({ numHeads: shape.heads, seed: 5 });
    await expectCovered(oneLayerModel(shape.tokens, shape.width, layer), shape.batch);
  });

  it('leaves feed-forward layers to the inputs-and-output rule', () => {
    const model = oneLayerModel(4, 3, tfl.layers.lstm({ units: 2, returnSequences: true }));
    try {
      const { entries } = importTrainingGraph(model, { batch: 2 });
      expect(layerTransientBytes(entries[1]!, 2)).toBeNull();
    } finally {
      model.dispose();
    }
  });
});
