import * as tf from '@tensorflow/tfjs-core';
import { UsageError } from '@strata/cli';
import type { LayerEntry } from '../import/layer-walk.js';

/** The layer's trainable variables, in the order the gradients are reported. */
export function trainableVariables(entry: LayerEntry): tf.Variable[] {
  // LayerVariable.read() is typed Tensor; it returns the tf.Variable it wraps.
  return entry.layer.trainable
    ? entry.layer.trainableWeights.map((w) => w.read() as tf.Variable)
    : [];
}

/** One forward application in training mode (dropout on, batch statistics in use). */
export function callLayer(entry: LayerEntry, inputs: readonly tf.Tensor[]): tf.Tensor {
  const argument = inputs.length === 1 ? inputs[0]! : [...inputs];
  return entry.layer.apply(argument, { training: true }) as tf.Tensor;
}

export interface LayerGradients {
  /** Per input slot, dLoss/dInput, or null where none is wanted (the model's input, integers). */
  readonly inputs: (tf.Tensor | null)[];
  /** Per trainable variable, dLoss/dWeight (null when the layer's output does not depend on it). */
  readonly weights: (tf.Tensor | null)[];
}

/**
 * The vector–Jacobian product of one layer: re-run it on its inputs under a tape and pull `dy`
 * back to the inputs that want a gradient and (when `withWeights`) to its trainable variables.
 * Everything the tape saved is freed before this returns; the caller owns the results.
 */
export function layerVjp(
  entry: LayerEntry,
  inputs: readonly tf.Tensor[],
  wantInput: readonly boolean[],
  dy: tf.Tensor,
  withWeights: boolean,
): LayerGradients {
  // A tensor fed to two slots would get one summed gradient in both: give each slot its own handle.
  const seen = new Set<number>();
  const distinct = inputs.map((t) => {
    if (!seen.has(t.id)) {
      seen.add(t.id);
      return t;
    }
    return tf.clone(t);
  });
  const variables = withWeights ? trainableVariables(entry) : [];
  const wrt = [...distinct.filter((_, i) => wantInput[i]), ...variables];
  const result: LayerGradients = {
    inputs: inputs.map(() => null),
    weights: variables.map(() => null),
  };
  if (wrt.length > 0) {
    const { value, grads } = tf.engine().gradients(() => callLayer(entry, distinct), wrt, dy, true);
    value.dispose();
    let at = 0;
    distinct.forEach((_, i) => {
      if (wantInput[i]) result.inputs[i] = grads[at++] ?? null;
    });
    variables.forEach((_, i) => {
      result.weights[i] = grads[at++] ?? null;
    });
  }
  distinct.forEach((t, i) => {
    if (t !== inputs[i]) t.dispose();
  });
  return result;
}

/**
 * Layers whose training-mode call updates state (BatchNormalization's moving statistics) must do
 * so once per step: later calls (recomputations, the VJP's re-run) get their update undone.
 */
export class StateGuard {
  private readonly updated = new Set<number>();

  begin(): void {
    this.updated.clear();
  }

  run<T>(entry: LayerEntry, call: () => T): T {
    const state = entry.layer.nonTrainableWeights;
    if (state.length === 0) return call();
    if (!this.updated.has(entry.index)) {
      this.updated.add(entry.index);
      return call();
    }
    const saved = state.map((w) => tf.clone(w.read()));
    try {
      return call();
    } finally {
      state.forEach((w, i) => w.write(saved[i]!));
      saved.forEach((t) => t.dispose());
    }
  }
}

const DROPOUT_CONFIG_KEYS = ['dropout', 'recurrentDropout'];

/** Dropout inside recurrent cells draws unseeded masks; a recomputation would differ. */
export function checkDeterministic(entries: readonly LayerEntry[]): void {
  for (const entry of entries) {
    const config = entry.layer.getConfig() as Record<string, unknown>;
    const inner = (config['layer'] as { config?: Record<string, unknown> } | undefined)?.config;
    for (const source of [config, inner ?? {}]) {
      for (const key of DROPOUT_CONFIG_KEYS) {
        const rate = source[key];
        if (typeof rate === 'number' && rate > 0) {
          throw new UsageError(
            `layer '${entry.name}' (${entry.className}) uses ${key} ${rate}, whose masks TF.js does not seed, so a recomputation would differ: use a Dropout layer instead`,
          );
        }
      }
    }
  }
}

/** Every Dropout layer gets a seed derived from the step's, so recomputation redraws the same mask. */
export function seedDropout(entries: readonly LayerEntry[], stepSeed: number): void {
  for (const entry of entries) {
    if (entry.className === 'Dropout') {
      (entry.layer as unknown as { seed: number }).seed = (stepSeed * 1009 + entry.index) >>> 0;
    }
  }
}
