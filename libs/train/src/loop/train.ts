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
import { FailureError, UsageError } from '@strata/cli';
import type { LoadedCheckpoint } from '../checkpoint/loader.js';
import { displayKey, displayMessage } from '../checkpoint/location.js';
import { keptCheckpoints } from './checkpoint-end.js';
import { HeldSnapshot } from './held-snapshot.js';
import { startCheckpoints } from './checkpoint-start.js';
import { MetricsLog } from './metrics-log.js';
import { writerEventLine } from '../checkpoint/event-lines.js';
import {
  CheckpointWriter,
  type InFlightPolicy,
  type WriterEvent,
  type WriterOptions,
} from '../checkpoint/writer.js';
import { initBackend, type BackendChoice } from '../model/backend.js';
import { SeededRng, deriveSeed, type RngState } from '../rng.js';
import { classificationTask } from './classification-task.js';
import { readRematPlan, type RematRecord } from './remat-plan.js';
import {
  makeOptimizer,
  optimizerState,
  restoreOptimizer,
  type OptimizerName,
} from './optimizer.js';
import { CheckpointClock, type CheckpointSchedule } from './schedule.js';
import type { RecordValue, StepResult, TrainingTask, TrainingTaskSpec } from './task.js';

export interface TrainOptions extends LoopOptions {
  model: string;
  data: string;
  dropout: number;
  /** Train by a remat plan made at this budget (bytes, a size or NN%); see remat-training.ts. */
  memoryBudget?: string;
  rematSolver?: string;
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
  /** Delete the checkpoints already under `checkpoint` when starting fresh (never by default). */
  overwrite?: boolean;
  /** A checkpoint that fails after its retries stops the run (default) or is reported and skipped. */
  onCheckpointFailure?: 'stop' | 'continue';
  /** A checkpoint write (and the start's test write) still running after this long fails. */
  checkpointTimeoutMs?: number;
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
  /** Part of `ms` spent waiting for the previous checkpoint's write (--in-flight wait, final). */
  waitedMs: number;
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
  /** Steps of this run's checkpoints the store holds at the end (listed, not assumed), oldest first. */
  kept: number[];
  /** Checkpoints that were not written (only with onCheckpointFailure 'continue'). */
  failedCheckpoints: { step: number; error: string }[];
  /** False when the checkpoint resumed from was already at or past `steps`. */
  trained: boolean;
  stalls: CheckpointStall[];
  seconds: number;
}

const DEFAULT_CHECKPOINT_TIMEOUT_MS = 10 * 60_000;

const LOOP_COMPARED = ['seed', 'batchSize', 'learningRate', 'optimizer'] as const;

/** Supervised classification (`strata train`): the classification task through the loop. */
export async function train(options: TrainOptions): Promise<TrainSummary> {
  if (!(options.dropout >= 0 && options.dropout < 1))
    throw new UsageError(`--dropout must be in [0, 1), got ${options.dropout}`);
  return trainTask(classificationTask(options), options);
}

/** Trains any task with checkpoints, resume and the metrics log. */
export async function trainTask(
  task: TrainingTaskSpec,
  options: LoopOptions,
): Promise<TrainSummary> {
  const started = performance.now();
  validate(options);
  const backend = await initBackend(options.backend, options.log);
  const rematPlan = options.rematPlan ? await readRematPlan(options.rematPlan) : null;
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

  const timeoutMs = options.checkpointTimeoutMs ?? DEFAULT_CHECKPOINT_TIMEOUT_MS;
  const start = await startCheckpoints({
    checkpoint: options.checkpoint,
    resume: options.resume,
    overwrite: options.overwrite ?? false,
    timeoutMs,
    log: options.log,
    warn: options.warn,
  });
  const { location } = start;
  const { store, prefix } = location;
  const resumed: LoadedCheckpoint | null = start.resumed;
  if (resumed) {
    try {
      checkCompatible(
        resumed.manifest.state as unknown as TrainerState,
        run,
        compared,
        options.warn,
      );
    } catch (error) {
      await store.close?.();
      throw error;
    }
    options.log(
      `resumed from checkpoint step ${resumed.step} (${displayKey(location, resumed.folder)})`,
    );
  }
  const saved = resumed?.manifest.state as unknown as TrainerState | undefined;

  let steps: TrainingTask;
  try {
    steps = await task.create({
      backend,
      seed: options.seed,
      batchSize: options.batchSize,
      // Checkpoints from before the task split kept the task's state at the top level.
      resumed: resumed
        ? {
            tensors: resumed.tensors,
            state: saved!.task ?? (saved as unknown as Record<string, unknown>),
          }
        : null,
      log: options.log,
      warn: options.warn,
    });
  } catch (error) {
    await store.close?.();
    throw error;
  }
  const optimizer = makeOptimizer(options.optimizer, options.learningRate);
  let writerToClose: CheckpointWriter | undefined;
  let metrics: MetricsLog | undefined;
  try {
    metrics = MetricsLog.open(options.metricsFile);
    await start.replace();
    if (resumed) await restoreOptimizer(optimizer, saved!.optimizerNames, resumed.tensors);
    const rng = saved
      ? SeededRng.fromState(saved.rng)
      : SeededRng.fromSeed(deriveSeed(options.seed, 0xd409));

    let committed = 0;
    const standing = new Set<number>(); // this run's checkpoints not deleted since
    const writerOptions: WriterOptions = {
      keepLast: options.keepLast,
      inFlight: options.inFlight,
      timeoutMs,
      ...(options.partSize ? { partSize: options.partSize } : {}),
      ...(options.multipartThreshold ? { multipartThreshold: options.multipartThreshold } : {}),
      onEvent: (raw) => {
        const event =
          raw.type === 'failed' ? { ...raw, error: displayMessage(location, raw.error) } : raw;
        if (event.type === 'committed') {
          committed += 1;
          standing.add(event.step);
        }
        if (event.type === 'deleted') standing.delete(event.step);
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

    // A snapshot taken at a checkpoint step, handed to the writer after the next step (when that
    // step has let go of the arrays it holds: held-snapshot.ts), or at once when final or sync.
    let pending: { held: HeldSnapshot; ms: number; waitedMs: number } | undefined;
    const handOver = async (): Promise<void> => {
      if (!pending) return;
      const begin = performance.now();
      const { held, ms, waitedMs } = pending;
      pending = undefined;
      const snapshot = held.release();
      // Counted before submit: the worker takes the buffers (they are transferred, not copied).
      const bytes = snapshot.shards.reduce((sum, shard) => sum + shard.bytes.byteLength, 0);
      writer.submit(snapshot);
      if (options.saveMode === 'sync') await writer.settle();
      stalls.push({ step: held.step, ms: ms + performance.now() - begin, waitedMs, bytes });
    };
    const checkpoint = async (step: number, final: boolean): Promise<void> => {
      const begin = performance.now();
      if (final) await writer.settle(); // the final checkpoint is never skipped
      if ((await writer.ready(step)) === 'skip') return;
      const waitedMs = performance.now() - begin;
      metrics?.sync(); // the log up to this step is on disk before the checkpoint can commit
      const taskSnapshot = steps.snapshot();
      const optimizerSnapshot = await optimizerState(optimizer);
      const state: TrainerState = {
        rng: rng.state,
        loss,
        run,
        optimizerNames: optimizerSnapshot.names,
        task: taskSnapshot.state,
      };
      const held = new HeldSnapshot(
        step,
        taskSnapshot.tensors,
        optimizerSnapshot.tensors,
        state as unknown as Record<string, unknown>,
      );
      pending = { held, ms: performance.now() - begin, waitedMs };
      clock.taken();
      lastCheckpoint = step;
      if (final || options.saveMode === 'sync') await handOver();
    };

    const stopOnFailure = (options.onCheckpointFailure ?? 'stop') === 'stop';
    const failedSoFar = (): void => {
      const failure = writer.failures[0];
      if (stopOnFailure && failure) {
        throw new FailureError(
          `checkpoint step ${failure.step} was not written (${displayMessage(location, failure.error)}); stopping: the run continues from the newest checkpoint with --resume (or pass --on-checkpoint-failure continue)`,
        );
      }
    };
    const firstStep = (resumed?.step ?? 0) + 1;
    if (firstStep > options.steps)
      options.log(
        `nothing to train: checkpoint step ${resumed?.step} is at or past --steps ${options.steps}`,
      );
    for (let step = firstStep; step <= options.steps; step += 1) {
      const result = await steps.step({ step, batchSize: options.batchSize, optimizer, rng });
      await handOver();
      loss = result.loss;
      metrics.append({ step, loss, ...result.metrics, time: new Date().toISOString() });
      options.onStep?.(step, loss, result);
      failedSoFar();
      if (step === options.steps) await checkpoint(step, true);
      else if (clock.due(step)) await checkpoint(step, false);
    }
    await writer.settle();
    failedSoFar();
    const finalFailure = writer.failures.find((failure) => failure.step === options.steps);
    if (finalFailure) {
      throw new FailureError(
        `the final checkpoint (step ${options.steps}) was not written (${displayMessage(location, finalFailure.error)}); ${writer.failures.length} checkpoint(s) failed in this run`,
      );
    }
    const kept = await keptCheckpoints(
      location,
      standing,
      firstStep > options.steps ? null : options.steps,
    );
    return {
      backend,
      resumedFrom: resumed?.step ?? null,
      firstStep,
      lastStep: Math.max(options.steps, resumed?.step ?? 0),
      finalLoss: Number.isNaN(loss) ? null : loss,
      checkpoints: committed,
      lastCheckpoint,
      kept,
      failedCheckpoints: [...writer.failures],
      trained: firstStep <= options.steps,
      stalls,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await writerToClose?.close();
    metrics?.close();
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
