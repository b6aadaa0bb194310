import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { LossFunction } from '../execute/executor.js';
import { callLayer, layerVjp } from '../execute/layer-ops.js';
import { MODEL_INPUT, walkLayers } from './layer-walk.js';
import { backwardId, forwardId, lossId } from './mapping.js';
import type { NodeCosts } from './training-graph.js';

export interface ProfileOptions {
  /** Timed runs per node; the median is its cost (default 5). */
  runs?: number;
  /** Untimed runs first, so one-time work (kernel set-up, allocation) is excluded (default 1). */
  warmup?: number;
  /**
   * What a run costs: wall time (default), or this process's CPU time, which other work on a
   * shared machine does not inflate (right for single-threaded backends: cpu, wasm without threads).
   */
  clock?: 'wall' | 'cpu';
  onNode?: () => void;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};
const wallMicros = () => performance.now() * 1000;

/** Median microseconds of `work` (which returns what it allocated, disposed untimed). */
function time(
  work: () => tf.Tensor | tf.Tensor[],
  runs: number,
  warmup: number,
  now: () => number,
): number {
  const samples: number[] = [];
  for (let r = 0; r < warmup + runs; r += 1) {
    const begin = now();
    const out = work();
    // Reading one value waits for backends that run kernels asynchronously.
    (Array.isArray(out) ? out[0] : out)?.dataSync();
    const elapsed = now() - begin;
    tf.dispose(out);
    if (r >= warmup) samples.push(elapsed);
  }
  return Math.round(median(samples) * 10) / 10;
}

/**
 * Each node's cost on the active backend, in microseconds: the median of `runs` timed runs after
 * `warmup` untimed ones, on one real batch. A forward node is its layer's training-mode call, a
 * backward node its VJP (which re-runs the layer), the loss node the loss and its gradient.
 * Moving statistics are restored afterwards.
 */
export function profileNodeCosts(
  model: tfl.LayersModel,
  loss: LossFunction,
  batch: { xs: tf.Tensor; ys: tf.Tensor },
  options: ProfileOptions = {},
): NodeCosts {
  const runs = options.runs ?? 5;
  const warmup = options.warmup ?? 1;
  const now = options.clock === 'cpu' ? cpuMicros : wallMicros;
  const entries = walkLayers(model);
  const n = entries.length;
  const costs = new Map<number, number>();
  const state = entries.flatMap((e) => e.layer.nonTrainableWeights);
  const saved = state.map((w) => tf.clone(w.read()));
  const outputs: tf.Tensor[] = [];
  try {
    for (const entry of entries) {
      const inputs = entry.inbound.map((s) => (s === MODEL_INPUT ? batch.xs : outputs[s]!));
      costs.set(
        forwardId(entry.index),
        time(() => callLayer(entry, inputs), runs, warmup, now),
      );
      outputs.push(callLayer(entry, inputs));
      options.onNode?.();
    }
    const predictions = outputs[n - 1]!;
    costs.set(
      lossId(n),
      time(
        () => tf.engine().gradients(() => loss(batch.ys, predictions), [predictions]).grads,
        runs,
        warmup,
        now,
      ),
    );
    for (const entry of entries) {
      const inputs = entry.inbound.map((s) => (s === MODEL_INPUT ? batch.xs : outputs[s]!));
      const wantInput = entry.inbound.map(
        (s, i) => s !== MODEL_INPUT && inputs[i]!.dtype === 'float32',
      );
      const dy = tf.onesLike(outputs[entry.index]!);
      costs.set(
        backwardId(entry.index, n),
        time(
          () => {
            const g = layerVjp(entry, inputs, wantInput, dy, true);
            return [...g.inputs, ...g.weights].filter((t): t is tf.Tensor => t !== null);
          },
          runs,
          warmup,
          now,
        ),
      );
      dy.dispose();
      options.onNode?.();
    }
    return costs;
  } finally {
    tf.dispose(outputs);
    state.forEach((w, i) => w.write(saved[i]!));
    tf.dispose(saved);
  }
}
