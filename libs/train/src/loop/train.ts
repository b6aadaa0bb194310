/**
 * The training loop: batches from sharded JSONL, one optimizer step each, metrics to JSONL, and a
 * checkpoint whenever the schedule says so. A checkpoint costs the step only the copy of weights,
 * optimizer state, RNG state and loader position into host memory; the write runs in the
 * background (CheckpointWriter). With `saveMode: 'sync'` the step waits for the whole write:
 * the baseline the benchmark compares against.
 *
 * Everything random is seeded (initializers, data order, dropout masks) and everything that
 * evolves is in the checkpoint, so on the cpu backend a resumed run repeats an uninterrupted run
 * bit for bit.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { UsageError } from '@strata/cli';
import { openStore } from '@strata/transfer';
import { asPrefix, checkpointFolder } from '../checkpoint/format.js';
import { loadLatestCheckpoint, type LoadedCheckpoint } from '../checkpoint/loader.js';
import { packShard } from '../checkpoint/shards.js';
import { writerEventLine } from '../checkpoint/event-lines.js';
import {
  CheckpointWriter,
  type CheckpointSnapshot,
  type InFlightPolicy,
  type WriterEvent,
  type WriterOptions,
} from '../checkpoint/writer.js';
import { ShardedJsonlLoader, type LoaderPosition } from '../data/jsonl-loader.js';
import { initBackend, type BackendChoice } from '../model/backend.js';
import { buildModel, describeModel, modelShape, parseModelSpec } from '../model/models.js';
import { SeededRng, deriveSeed, type RngState } from '../rng.js';
import { readRematPlan, type RematRecord } from './remat-plan.js';
import {
  hostValues,
  makeOptimizer,
  optimizerState,
  required,
  deviceTensor,
  restoreOptimizer,
  type OptimizerName,
} from './optimizer.js';
import { CheckpointClock, type CheckpointSchedule } from './schedule.js';

export interface TrainOptions {
  model: string;
  data: string;
  checkpoint: string;
  steps: number;
  batchSize: number;
  seed: number;
  learningRate: number;
  optimizer: OptimizerName;
  dropout: number;
  checkpointEvery: CheckpointSchedule;
  keepLast: number;
  inFlight: InFlightPolicy;
  resume: boolean;
  backend: BackendChoice;
  /** Local JSONL file the per-step metrics are appended to. */
  metricsFile?: string;
  rematPlan?: string;
  saveMode?: 'async' | 'sync';
  /** Where checkpoint writes run: a worker thread (default) or the training thread. */
  writerThread?: 'worker' | 'main';
  /** Shards at or above this size are uploaded in parts (default: the transfer engine's). */
  multipartThreshold?: number;
  /** Part size for multipart checkpoint shards (bytes). */
  partSize?: number;
  /** Progress lines for stderr. */
  log: (line: string) => void;
  warn: (line: string) => void;
  /** After every step (the supervisor's heartbeat). */
  onStep?: (step: number, loss: number) => void;
  onWriterEvent?: (event: WriterEvent) => void;
  /**
   * The writer thread writes its progress lines straight to stderr as they happen (a worker's
   * events reach this thread only between steps). `log` must be stderr for this to be right.
   */
  echoWriterEvents?: boolean;
}

/** What a run records in every checkpoint; a resume must match it. */
interface RunRecord {
  model: string;
  seed: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  dropout: number;
  data: string;
  backend: string;
  rematPlan: RematRecord | null;
}

interface TrainerState {
  rng: RngState;
  loader: LoaderPosition;
  loss: number;
  run: RunRecord;
  optimizerNames: string[];
}

export interface CheckpointStall {
  step: number;
  /** Time the step waited: snapshot into host memory (plus the whole write when sync). */
  ms: number;
  bytes: number;
}

export interface TrainSummary {
  backend: string;
  resumedFrom: number | null;
  firstStep: number;
  lastStep: number;
  finalLoss: number | null;
  checkpoints: number;
  lastCheckpoint: number | null;
  stalls: CheckpointStall[];
  seconds: number;
}

const COMPARED: (keyof RunRecord)[] = [
  'model',
  'seed',
  'batchSize',
  'learningRate',
  'optimizer',
  'dropout',
];

export async function train(options: TrainOptions): Promise<TrainSummary> {
  const started = performance.now();
  validate(options);
  const backend = await initBackend(options.backend, options.log);
  const spec = parseModelSpec(options.model);
  const rematPlan = options.rematPlan ? await readRematPlan(options.rematPlan, options.log) : null;
  const run: RunRecord = {
    model: describeModel(spec),
    seed: options.seed,
    batchSize: options.batchSize,
    learningRate: options.learningRate,
    optimizer: options.optimizer,
    dropout: options.dropout,
    data: options.data,
    backend,
    rematPlan,
  };

  const { store, key } = await openStore(options.checkpoint);
  const prefix = asPrefix(key);
  let resumed: LoadedCheckpoint | null = null;
  if (options.resume) {
    resumed = await loadLatestCheckpoint(store, prefix, options.warn);
    if (resumed) {
      checkCompatible(resumed.manifest.state as unknown as TrainerState, run, options.warn);
      options.log(
        `resumed from checkpoint step ${resumed.step} (${checkpointFolder(resumed.step)})`,
      );
    } else options.log('no complete checkpoint to resume from: starting at step 0');
  }
  const saved = resumed?.manifest.state as unknown as TrainerState | undefined;

  const model = await buildModel(spec, options.seed);
  const optimizer = makeOptimizer(options.optimizer, options.learningRate);
  const loader = await ShardedJsonlLoader.open(options.data, options.seed, saved?.loader);
  let writerToClose: CheckpointWriter | undefined;
  const metrics: WriteStream | undefined = options.metricsFile
    ? createWriteStream(options.metricsFile, { flags: 'a' })
    : undefined;
  try {
    const { inputs, classes } = modelShape(model);
    if (loader.features !== inputs) {
      throw new UsageError(
        `--data has ${loader.features} features per example, --model ${run.model} takes ${inputs}`,
      );
    }
    if (resumed) {
      restoreWeights(model, resumed);
      await restoreOptimizer(optimizer, saved!.optimizerNames, resumed.tensors);
    }
    const rng = saved
      ? SeededRng.fromState(saved.rng)
      : SeededRng.fromSeed(deriveSeed(options.seed, 0xd409));
    const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
    const hiddenWidths = spec.kind === 'mlp' ? spec.layers.slice(1, -1) : [];

    let committed = 0;
    const writerOptions: WriterOptions = {
      keepLast: options.keepLast,
      inFlight: options.inFlight,
      ...(options.partSize ? { partSize: options.partSize } : {}),
      ...(options.multipartThreshold ? { multipartThreshold: options.multipartThreshold } : {}),
      onEvent: (event) => {
        if (event.type === 'committed') committed += 1;
        options.onWriterEvent?.(event);
        const line = writerEventLine(event);
        if (line.warning) options.warn(line.text);
        else if (!options.echoWriterEvents) options.log(line.text);
      },
      // The worker prints its own progress lines: printed here they would wait for the step.
      echoToStderr: options.echoWriterEvents === true && options.writerThread !== 'main',
    };
    const writer = (writerToClose =
      options.writerThread === 'main'
        ? CheckpointWriter.onThisThread(store, prefix, writerOptions)
        : await CheckpointWriter.inWorker(options.checkpoint, writerOptions));
    const clock = new CheckpointClock(options.checkpointEvery);
    const stalls: CheckpointStall[] = [];
    let loss = saved?.loss ?? Number.NaN;
    let lastCheckpoint: number | null = resumed?.step ?? null;

    const checkpoint = async (step: number, final: boolean): Promise<void> => {
      const begin = performance.now();
      if (final) await writer.flush().catch(() => undefined); // the final checkpoint is never skipped
      if ((await writer.ready(step)) === 'skip') return;
      const weights = packShard(
        'weights.bin',
        model.weights.map((weight, index) => hostValues(`weight/${index}`, weight.read())),
      );
      const optimizerSnapshot = await optimizerState(optimizer);
      const state: TrainerState = {
        rng: rng.state,
        loader: loader.position,
        loss,
        run,
        optimizerNames: optimizerSnapshot.names,
      };
      const snapshot: CheckpointSnapshot = {
        step,
        shards: [weights, packShard('optimizer.bin', optimizerSnapshot.tensors)],
        state: state as unknown as Record<string, unknown>,
      };
      // Counted before submit: the worker takes the buffers (they are transferred, not copied).
      const bytes = snapshot.shards.reduce((sum, shard) => sum + shard.bytes.byteLength, 0);
      writer.submit(snapshot);
      if (options.saveMode === 'sync') await writer.flush();
      clock.taken();
      lastCheckpoint = step;
      stalls.push({ step, ms: performance.now() - begin, bytes });
    };

    const firstStep = (resumed?.step ?? 0) + 1;
    for (let step = firstStep; step <= options.steps; step += 1) {
      const batch = await loader.nextBatch(options.batchSize);
      for (const label of batch.ys) {
        if (label >= classes)
          throw new UsageError(`--data has class ${label}, the model has ${classes} outputs`);
      }
      const masks = hiddenWidths.map((width) =>
        dropoutMask(rng, batch.size * width, options.dropout),
      );
      loss = tf.tidy(() => {
        const xs = tf.tensor2d(batch.xs, [batch.size, inputs]);
        const labels = tf.oneHot(tf.tensor1d(batch.ys, 'int32'), classes);
        const cost = optimizer.minimize(
          () => {
            let h: tf.Tensor = xs;
            if (spec.kind === 'mlp') {
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
      metrics?.write(`${JSON.stringify({ step, loss, time: new Date().toISOString() })}\n`);
      options.onStep?.(step, loss);
      if (step === options.steps) await checkpoint(step, true);
      else if (clock.due(step)) await checkpoint(step, false);
    }
    await writer.flush();
    return {
      backend,
      resumedFrom: resumed?.step ?? null,
      firstStep,
      lastStep: Math.max(options.steps, resumed?.step ?? 0),
      finalLoss: Number.isNaN(loss) ? null : loss,
      checkpoints: committed,
      lastCheckpoint,
      stalls,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await writerToClose?.close();
    await new Promise<void>((resolve) => (metrics ? metrics.end(resolve) : resolve()));
    await loader.close();
    model.dispose();
    optimizer.dispose();
    await store.close?.();
  }
}

/** Inverted dropout: kept units are scaled by 1/(1-p) so the expected activation is unchanged. */
function dropoutMask(rng: SeededRng, size: number, rate: number): Float32Array | undefined {
  if (rate <= 0) return undefined;
  const mask = new Float32Array(size);
  const scale = 1 / (1 - rate);
  for (let i = 0; i < size; i += 1) mask[i] = rng.nextFloat() < rate ? 0 : scale;
  return mask;
}

function restoreWeights(model: tfl.LayersModel, checkpoint: LoadedCheckpoint): void {
  const values = model.weights.map((weight, index) => {
    const host = required(checkpoint.tensors, `weight/${index}`);
    if (host.shape.join('x') !== weight.shape.join('x')) {
      throw new UsageError(
        `checkpoint ${checkpoint.folder} holds weight ${index} with shape [${host.shape.join(', ')}], the model has [${weight.shape.join(', ')}]`,
      );
    }
    return deviceTensor(host);
  });
  model.setWeights(values);
  tf.dispose(values);
}

function checkCompatible(saved: TrainerState, run: RunRecord, warn: (line: string) => void): void {
  for (const field of COMPARED) {
    if (saved.run[field] !== run[field]) {
      throw new UsageError(
        `the checkpoint was written with ${field} ${String(saved.run[field])}, this run has ${String(run[field])}: resume with the same settings or use a new --checkpoint URI`,
      );
    }
  }
  if (saved.run.data !== run.data)
    warn(`the checkpoint was trained on ${saved.run.data}, this run reads ${run.data}`);
  if (saved.run.backend !== run.backend) {
    warn(
      `the checkpoint was written on the ${saved.run.backend} backend, this run uses ${run.backend}: the result will not be bit-identical`,
    );
  }
}

function validate(options: TrainOptions): void {
  const positiveInt = (value: number, flag: string): void => {
    if (!Number.isInteger(value) || value < 1)
      throw new UsageError(`${flag} must be a positive integer, got ${value}`);
  };
  positiveInt(options.steps, '--steps');
  positiveInt(options.batchSize, '--batch-size');
  positiveInt(options.keepLast, '--keep-last');
  if (!Number.isInteger(options.seed))
    throw new UsageError(`--seed must be an integer, got ${options.seed}`);
  if (!(options.learningRate > 0))
    throw new UsageError(`--learning-rate must be positive, got ${options.learningRate}`);
  if (!(options.dropout >= 0 && options.dropout < 1))
    throw new UsageError(`--dropout must be in [0, 1), got ${options.dropout}`);
}
