/**
 * What a training task supplies to the one training loop (train.ts): its identity (what a resume
 * must match), its model and data, and one optimizer step. The loop owns everything every task
 * gets for free: the backend, the optimizer and its checkpointed state, the seeded RNG,
 * asynchronous checkpoints, resume, the metrics log and the supervisor's heartbeat.
 *
 * Supervised classification (classification-task.ts) is one task; ContraCode's MoCo and masked-LM
 * pretraining are others (libs/contracode).
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { HostTensor } from '../checkpoint/format.js';
import type { TensorValues } from '../checkpoint/shards.js';
import type { SeededRng } from '../rng.js';

export type RecordValue = string | number | boolean | null;

/** What a task's part of a checkpoint holds: its tensors and its own JSON state. */
export interface TaskCheckpoint {
  tensors: ReadonlyMap<string, HostTensor>;
  state: Record<string, unknown>;
}

export interface TaskContext {
  backend: string;
  seed: number;
  batchSize: number;
  /** The checkpoint a resumed run continues from (the task restores its part), else null. */
  resumed: TaskCheckpoint | null;
  log: (line: string) => void;
  warn: (line: string) => void;
}

export interface StepContext {
  step: number;
  batchSize: number;
  optimizer: tf.Optimizer;
  /** The trainer's seeded RNG (its state is in every checkpoint). */
  rng: SeededRng;
}

export interface StepResult {
  loss: number;
  /** Examples (sequences) the step consumed, for throughput. */
  examples: number;
  /** Further numbers for the metrics log (accuracy, loss terms). */
  metrics?: Record<string, number>;
}

export interface TaskSnapshot {
  /** Tensors copied into host memory (weights and any other evolving tensor). */
  tensors: TensorValues[];
  /** JSON the task needs back on resume (data position, tokenizer, counters). */
  state: Record<string, unknown>;
}

export interface TrainingTask {
  step(context: StepContext): Promise<StepResult>;
  /** Everything the task needs to continue bit-exactly, copied into host memory. */
  snapshot(): TaskSnapshot;
  close(): Promise<void>;
}

export interface TrainingTaskSpec {
  /** Compared field by field on resume (a mismatch refuses with exit 2); `model` names the model. */
  identity: Record<string, RecordValue> & { model: string };
  /** The data the task reads; a resume that reads other data only warns. */
  data: string;
  /** Builds the task (after the backend is up), restoring its checkpointed part when resuming. */
  create(context: TaskContext): Promise<TrainingTask>;
}
