/**
 * Supervised classification as a training task: a `--model` (built-in MLP or model.json) on
 * sharded JSONL `{"x": [...], "y": class}`, softmax cross-entropy, optional inverted dropout with
 * masks from the trainer's seeded RNG. The data loader's position is the task's checkpoint state.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { UsageError } from '@strata/cli';
import { ShardedJsonlLoader, type LoaderPosition } from '../data/jsonl-loader.js';
import { buildModel, describeModel, modelShape, parseModelSpec } from '../model/models.js';
import type { SeededRng } from '../rng.js';
import { deviceTensor, hostValues, required } from './optimizer.js';
import type { RematStep } from '@strata/remat-tfjs';
import {
  checkPlainStep,
  checkRematFlags,
  prepareRematStep,
  rematTrainingStep,
  wantsRemat,
  type RematTrainingOptions,
} from './remat-training.js';
import type { TaskCheckpoint, TrainingTask, TrainingTaskSpec } from './task.js';

export interface ClassificationOptions extends RematTrainingOptions {
  model: string;
  data: string;
  dropout: number;
}

export function classificationTask(options: ClassificationOptions): TrainingTaskSpec {
  const spec = parseModelSpec(options.model);
  checkRematFlags(options);
  return {
    identity: { model: describeModel(spec), dropout: options.dropout },
    data: options.data,
    async create(context): Promise<TrainingTask> {
      const model = await buildModel(spec, context.seed);
      // Checkpoints before the task split kept the loader position at the top level of the state.
      const saved = context.resumed?.state as { loader?: LoaderPosition } | undefined;
      let loader: ShardedJsonlLoader | undefined;
      try {
        loader = await ShardedJsonlLoader.open(options.data, context.seed, saved?.loader);
        const { inputs, classes } = modelShape(model);
        if (loader.features !== inputs) {
          throw new UsageError(
            `--data has ${loader.features} features per example, --model ${describeModel(spec)} takes ${inputs}`,
          );
        }
        if (context.resumed) restoreWeights(model, context.resumed);
        const remat = wantsRemat(options)
          ? await prepareRematStep(model, context.batchSize, context.seed, options, context.log)
          : null;
        if (!remat) await checkPlainStep(model, context.batchSize, context.backend);
        return classificationSteps(model, loader, remat, {
          perLayer: spec.kind === 'mlp',
          inputs,
          classes,
          hiddenWidths: spec.kind === 'mlp' ? spec.layers.slice(1, -1) : [],
          dropout: options.dropout,
        });
      } catch (error) {
        await loader?.close();
        model.dispose();
        throw error;
      }
    },
  };
}

interface Shape {
  /** A built-in MLP: layers applied one by one, with dropout masks between them. */
  perLayer: boolean;
  inputs: number;
  classes: number;
  hiddenWidths: number[];
  dropout: number;
}

function classificationSteps(
  model: tfl.LayersModel,
  loader: ShardedJsonlLoader,
  remat: RematStep | null,
  shape: Shape,
): TrainingTask {
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const { inputs, classes, hiddenWidths } = shape;
  return {
    async step({ batchSize, optimizer, rng }) {
      const batch = await loader.nextBatch(batchSize);
      for (const label of batch.ys) {
        if (label >= classes)
          throw new UsageError(`--data has class ${label}, the model has ${classes} outputs`);
      }
      if (remat) {
        const xs = tf.tensor2d(batch.xs, [batch.size, inputs]);
        const labels = tf.tidy(() => tf.oneHot(tf.tensor1d(batch.ys, 'int32'), classes));
        try {
          const { loss, measuredPeakBytes } = rematTrainingStep(remat, xs, labels, optimizer);
          return { loss, examples: batch.size, metrics: { measuredPeakBytes } };
        } finally {
          tf.dispose([xs, labels]);
        }
      }
      const masks = hiddenWidths.map((width) =>
        dropoutMask(rng, batch.size * width, shape.dropout),
      );
      const loss = tf.tidy(() => {
        const xs = tf.tensor2d(batch.xs, [batch.size, inputs]);
        const labels = tf.oneHot(tf.tensor1d(batch.ys, 'int32'), classes);
        const cost = optimizer.minimize(
          () => {
            let h: tf.Tensor = xs;
            if (shape.perLayer) {
              model.layers.forEach((layer, index) => {
                h = layer.apply(h) as tf.Tensor;
                const mask = masks[index];
                if (mask) h = tf.mul(h, tf.tensor2d(mask, [batch.size, hiddenWidths[index]!]));
              });
            } else {
              h = model.apply(h, { training: true }) as tf.Tensor;
            }
            return tf.losses.softmaxCrossEntropy(labels, h) as tf.Scalar;
          },
          true,
          variables,
        );
        return cost!.dataSync()[0]!;
      });
      return { loss, examples: batch.size };
    },
    snapshot() {
      return {
        tensors: model.weights.map((weight, index) => hostValues(`weight/${index}`, weight.read())),
        state: { loader: loader.position },
      };
    },
    async close() {
      await loader.close();
      model.dispose();
    },
  };
}

/** Inverted dropout: kept units are scaled by 1/(1-p) so the expected activation is unchanged. */
function dropoutMask(rng: SeededRng, size: number, rate: number): Float32Array | undefined {
  if (rate <= 0) return undefined;
  const mask = new Float32Array(size);
  const scale = 1 / (1 - rate);
  for (let i = 0; i < size; i += 1) mask[i] = rng.nextFloat() < rate ? 0 : scale;
  return mask;
}

function restoreWeights(model: tfl.LayersModel, checkpoint: TaskCheckpoint): void {
  const values = model.weights.map((weight, index) => {
    const host = required(checkpoint.tensors, `weight/${index}`);
    if (host.shape.join('x') !== weight.shape.join('x')) {
      throw new UsageError(
        `the checkpoint holds weight ${index} with shape [${host.shape.join(', ')}], the model has [${weight.shape.join(', ')}]`,
      );
    }
    return deviceTensor(host);
  });
  model.setWeights(values);
  tf.dispose(values);
}
