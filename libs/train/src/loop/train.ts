/**
 * The training loop: one optimizer step of a training task at a time (task.ts: supervised
 * classification, contrastive pretraining, ...), metrics to JSONL, and a checkpoint whenever the
 * schedule says so. A checkpoint costs the step only the copy of weights,
 * optimizer state, RNG state and loader position into host memory; the write runs in the
 * background (CheckpointWriter). With `saveMode: 'sync'` the step waits for the whole write:
 * the baseline the benchmark compares against.
 *
 * Everything random is seeded (initializers, data order, dropout masks) and everything that
 * evolves is in the checkpoint, so on the cpu backend a resumed run repeats an uninterrupted run
 * bit for bit.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
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
import { initBackend, type BackendChoice } from '../model/backend.js';
import { SeededRng, deriveSeed, type RngState } from '../rng.js';
import { classificationTask } from './classification-task.js';
import { readRematPlan, type RematRecord } from './remat-plan.js';
import { makeOptimizer, optimizerState, restoreOptimizer, type OptimizerName } from './optimizer.js';
import { CheckpointClock, type CheckpointSchedule } from './schedule.js';
import type { RecordValue, StepResult, TrainingTaskSpec } from './task.js';

export interface TrainOptions extends LoopOptions {
  model: string;
  data: string;
  dropout: number;
}

/** What the loop needs besides the task. */
export interface LoopOptions {
  checkpoint: string;
  steps: number;
  batchSize: number;
  seed: number;
  learningRate: number;
  optimizer: OptimizerName;
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
  /** After every step (the supervisor's heartbeat; progress). */
  onStep?: (step: number, loss: number, result: StepResult) => void;
  onWriterEvent?: (event: WriterEvent) => void;
  /**
   * The writer thread writes its progress lines straight to stderr as they happen (a worker's
   * events reach this thread only between steps). `log` must be stderr for this to be right.
   */
  echoWriterEvents?: boolean;
}

/** What a run records in every checkpoint; a resume must match it (the task's identity too). */
interface RunRecord extends Record<string, RecordValue | RematRecord> {
  model: string;
  seed: number;
  batchSize: number;
  learningRate: number;
  optimizer: OptimizerName;
  data: string;
  backend: string;
  rematPlan: RematRecord | null;
}

interface TrainerState {
  rng: RngState;
  loss: number;
  run: RunRecord;
  optimizerNames: string[];
  /** The task's own state (data position, ...). */
  task: Record<string, unknown>;
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

const LOOP_COMPARED = ['seed', 'batchSize', 'learningRate', 'optimizer'] as const;

/** Supervised classification (`strata train`): the classification task through the loop. */
export async function train(options: TrainOptions): Promise<TrainSummary> {
  if (!(options.dropout >= 0 && options.dropout < 1))
    throw new UsageError(`--dropout must be in [0, 1), got ${options.dropout}`);
  return trainTask(classificationTask(options), options);
}

/** Trains any task with checkpoints, resume and the metrics log. */
export async function trainTask(task: TrainingTaskSpec, options: LoopOptions): Promise<TrainSummary> {
  const started = performance.now();
  validate(options);
  const backend = await initBackend(options.backend, options.log);
  const rematPlan = options.rematPlan ? await readRematPlan(options.rematPlan, options.log) : null;
  const run: RunRecord = {
    ...task.identity,
    seed: options.seed,
    batchSize: options.batchSize,
    learningRate: options.learningRate,
    optimizer: options.optimizer,
    data: task.data,
    backend,
    rematPlan,
  };
  const compared = [...Object.keys(task.identity), ...LOOP_COMPARED];

  const { store, key } = await openStore(options.checkpoint);
  const prefix = asPrefix(key);
  let resumed: LoadedCheckpoint | null = null;
  if (options.resume) {
    resumed = await loadLatestCheckpoint(store, prefix, options.warn);
    if (resumed) {
      checkCompatible(
        resumed.manifest.state as unknown as TrainerState,
        run,
        compared,
        options.warn,
      );
      options.log(
        `resumed from checkpoint step ${resumed.step} (${checkpointFolder(resumed.step)})`,
      );
    } else options.log('no complete checkpoint to resume from: starting at step 0');
  }
  const saved = resumed?.manifest.state as unknown as TrainerState | undefined;

  const steps = await task.create({
    backend,
    seed: options.seed,
    batchSize: options.batchSize,
    // Checkpoints from before the task split kept the task's state at the top level.
    resumed: resumed
      ? { tensors: resumed.tensors, state: saved!.task ?? (saved as unknown as Record<string, unknown>) }
      : null,
    log: options.log,
    warn: options.warn,
  });
  const optimizer = makeOptimizer(options.optimizer, options.learningRate);
  let writerToClose: CheckpointWriter | undefined;
  const metrics: WriteStream | undefined = options.metricsFile
    ? createWriteStream(options.metricsFile, { flags: 'a' })
    : undefined;
  try {
    if (resumed) await restoreOptimizer(optimizer, saved!.optimizerNames, resumed.tensors);
    const rng = saved
      ? SeededRng.fromState(saved.rng)
      : SeededRng.fromSeed(deriveSeed(options.seed, 0xd409));

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
      const taskSnapshot = steps.snapshot();
      const weights = packShard('weights.bin', taskSnapshot.tensors);
      const optimizerSnapshot = await optimizerState(optimizer);
      const state: TrainerState = {
        rng: rng.state,
        loss,
        run,
        optimizerNames: optimizerSnapshot.names,
        task: taskSnapshot.state,
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
      const result = await steps.step({ step, batchSize: options.batchSize, optimizer, rng });
      loss = result.loss;
      metrics?.write(
        `${JSON.stringify({ step, loss, ...result.metrics, time: new Date().toISOString() })}\n`,
      );
      options.onStep?.(step, loss, result);
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
    await steps.close();
    optimizer.dispose();
    await store.close?.();
  }
}

function checkCompatible(
  saved: TrainerState,
  run: RunRecord,
  compared: string[],
  warn: (line: string) => void,
): void {
  for (const field of compared) {
    // A field a run of an older version did not record counts as its default (null).
    if ((saved.run[field] ?? null) !== (run[field] ?? null)) {
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

function validate(options: LoopOptions): void {
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
}
