import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { UsageError } from '@strata/cli';
import type { LossFunction } from '../execute/executor.js';
import { inputShapeOf } from '../import/training-graph.js';
import { loadModelJson } from './model-json.js';

/** A model ready to import and train: its loss and a synthetic batch of the right shapes. */
export interface LoadedModel {
  /** What --model said (builtin:NAME or the model.json location). */
  readonly label: string;
  readonly model: tfl.LayersModel;
  readonly loss: LossFunction;
  readonly lossName: string;
  makeBatch(batch: number, seed: number): { xs: tf.Tensor; ys: tf.Tensor };
}

export interface LoadModelOptions {
  seed?: number;
  /** Side of the built-in image models' inputs (their default when absent). */
  imageSize?: number;
}

const BUILTIN = 'builtin:';

const LOSSES: Record<string, { name: string; loss: LossFunction; oneHot: boolean }> = {
  categoricalCrossentropy: {
    name: 'categoricalCrossentropy',
    loss: (labels, probabilities) =>
      tf.tidy(() =>
        tf.mean(tf.neg(tf.sum(tf.mul(labels, tf.log(tf.clipByValue(probabilities, 1e-7, 1))), -1))),
      ) as tf.Scalar,
    oneHot: true,
  },
  meanSquaredError: {
    name: 'meanSquaredError',
    loss: (labels, predictions) => tf.losses.meanSquaredError(labels, predictions) as tf.Scalar,
    oneHot: false,
  },
};

/** The loss a model.json names in its training config, else mean squared error (any output shape). */
function lossFor(model: tfl.LayersModel, trainingLoss: unknown) {
  const named = typeof trainingLoss === 'string' ? trainingLoss : undefined;
  const classes = model.outputs[0]!.shape.length === 2;
  if (classes && (named === 'categoricalCrossentropy' || named === 'categorical_crossentropy')) {
    return LOSSES['categoricalCrossentropy']!;
  }
  return LOSSES['meanSquaredError']!;
}

/** Random inputs of the model's input shape (tokens below the first Embedding's vocabulary) and labels. */
function syntheticBatches(model: tfl.LayersModel, oneHot: boolean) {
  const inputShape = inputShapeOf(model);
  const outputShape = model.outputs[0]!.shape.slice(1) as number[];
  const integer = model.inputs[0]!.dtype === 'int32';
  const vocabulary = Math.min(
    ...model.layers
      .filter((l) => l.getClassName() === 'Embedding')
      .map((l) => Number((l.getConfig() as { inputDim?: number }).inputDim ?? 2)),
    integer ? Number.POSITIVE_INFINITY : 2,
  );
  return (batch: number, seed: number) =>
    tf.tidy(() => {
      const xs = integer
        ? tf.randomUniform([batch, ...inputShape], 0, Math.max(2, vocabulary), 'int32', seed)
        : tf.randomNormal([batch, ...inputShape], 0, 1, 'float32', seed);
      const classes = outputShape[outputShape.length - 1] ?? 1;
      const labels = () => tf.randomUniform([batch], 0, classes, 'int32', seed + 1) as tf.Tensor1D;
      const ys = oneHot
        ? tf.cast(tf.oneHot(labels(), classes), 'float32')
        : tf.randomNormal([batch, ...outputShape], 0, 1, 'float32', seed + 1);
      return { xs, ys };
    });
}

async function loadBuiltin(name: string, options: LoadModelOptions): Promise<LoadedModel> {
  const { createBuiltinModel } = await import('@strata/tfjs');
  const builtin = createBuiltinModel(name, {
    seed: options.seed ?? 1,
    ...(options.imageSize !== undefined && { imageSize: options.imageSize }),
  });
  return {
    label: `${BUILTIN}${name}`,
    model: builtin.model,
    loss: (labels, logits) => builtin.loss.compute(labels, logits),
    lossName: builtin.loss.name,
    makeBatch: (batch, seed) => builtin.makeBatch(batch, seed),
  };
}

/**
 * `builtin:NAME` (libs/tfjs's registry) or a model.json path or store URI. A model.json's loss is
 * the one its training config names (categorical cross-entropy), else mean squared error, so any
 * output shape trains; its batches are random inputs of its input shape.
 */
export async function loadModel(
  spec: string,
  options: LoadModelOptions = {},
): Promise<LoadedModel> {
  if (spec.startsWith(BUILTIN)) return loadBuiltin(spec.slice(BUILTIN.length), options);
  if (spec.trim() === '') {
    throw new UsageError('--model is empty: give builtin:NAME or the path of a model.json');
  }
  // Registers the project's custom layers (multi-head self-attention, position embedding).
  await import('@strata/tfjs');
  const model = await loadModelJson(spec);
  const chosen = lossFor(model, (model as unknown as { loss?: unknown }).loss);
  return {
    label: spec,
    model,
    loss: chosen.loss,
    lossName: chosen.name,
    makeBatch: syntheticBatches(model, chosen.oneHot),
  };
}
