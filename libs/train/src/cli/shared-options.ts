/**
 * The flags every command that trains through the loop shares (`strata train`,
 * `strata code pretrain`): checkpoints and resume, the supervisor, the backend, the metrics log and
 * training by a remat plan. One definition each, so a flag means the same in every command; a
 * command that needs another default gives it with `withDefault`, which says why in the help.
 */
import type { Options } from 'yargs';
import { UsageError } from '@strata/cli';
import { BACKEND_CHOICES, type BackendChoice } from '../model/backend.js';
import { parseCheckpointEvery } from '../loop/schedule.js';
import type { LoopOptions } from '../loop/train.js';

export const CHECKPOINT_OPTIONS = {
  'checkpoint-every': {
    type: 'string',
    default: '100',
    describe: 'STEPS (500) or DURATION (90s, 10m)',
  },
  'keep-last': { type: 'number', default: 3, describe: 'Complete checkpoints to keep' },
  'in-flight': {
    type: 'string',
    choices: ['wait', 'skip'],
    default: 'wait',
    describe:
      'When a checkpoint is due while the previous is still being written: wait for it, or skip this one',
  },
  resume: {
    type: 'boolean',
    describe: 'Continue from the newest complete checkpoint',
  },
  overwrite: {
    type: 'boolean',
    describe:
      'Start at step 0 and delete the checkpoints already under --checkpoint (with --resume: only when none is usable)',
  },
  'on-checkpoint-failure': {
    type: 'string',
    choices: ['stop', 'continue'],
    default: 'stop',
    describe:
      'A checkpoint that fails after its retries stops the run, or is reported and training goes on',
  },
  'checkpoint-timeout': {
    type: 'string',
    default: '10m',
    describe: 'A checkpoint write (and the test write at start) still running after this fails',
  },
  backend: {
    type: 'string',
    choices: BACKEND_CHOICES,
    default: 'auto',
    describe: 'cpu is deterministic (bit-exact resume)',
  },
  metrics: {
    type: 'string',
    describe: 'JSONL file per-step metrics are appended to',
  },
} as const satisfies Record<string, Options>;

export const SUPERVISOR_OPTIONS = {
  supervise: {
    type: 'boolean',
    describe: 'Run as a child process; restart it on crash or hang',
  },
  'heartbeat-timeout': {
    type: 'string',
    default: '120s',
    describe: 'With --supervise: a child silent this long is hung',
  },
  'startup-timeout': {
    type: 'string',
    default: '10m',
    describe: 'With --supervise: time a child may take to its first step',
  },
  'max-restarts': {
    type: 'number',
    default: 10,
    describe: 'With --supervise: restart budget',
  },
  'incident-log': {
    type: 'string',
    describe: 'With --supervise: JSONL file of incidents',
  },
} as const satisfies Record<string, Options>;

export const REMAT_OPTIONS = {
  'memory-budget': {
    type: 'string',
    describe:
      'Train by a remat plan that keeps activations within this budget (bytes, 512MiB, or NN% of the no-remat peak)',
  },
  'remat-solver': {
    type: 'string',
    describe:
      'Planner for --memory-budget (milp, lp-round, greedy-remat, chen-greedy, ...; default milp)',
  },
} as const satisfies Record<string, Options>;

/** A shared flag with this command's own default, and the reason in the help. */
export function withDefault<O extends Options & { describe: string; default: unknown }>(
  option: O,
  value: string | number,
  why: string,
): O {
  return {
    ...option,
    default: value,
    describe: `${option.describe} (not the shared ${String(option.default)}: ${why})`,
  };
}

/** What CHECKPOINT_OPTIONS parse to. */
export interface CheckpointArgs {
  'checkpoint-every': string;
  'keep-last': number;
  'in-flight': string;
  resume?: boolean;
  overwrite?: boolean;
  'on-checkpoint-failure': string;
  'checkpoint-timeout': string;
  backend: string;
  metrics?: string;
}

/** What SUPERVISOR_OPTIONS parse to. */
export interface SupervisorArgs {
  supervise?: boolean;
  'heartbeat-timeout': string;
  'startup-timeout': string;
  'max-restarts': number;
  'incident-log'?: string;
}

/** What REMAT_OPTIONS parse to. */
export interface RematArgs {
  'memory-budget'?: string;
  'remat-solver'?: string;
}

/** The loop's checkpoint, resume, backend and metrics settings from the shared flags. */
export function checkpointLoopOptions(
  argv: CheckpointArgs,
): Pick<
  LoopOptions,
  | 'checkpointEvery'
  | 'keepLast'
  | 'inFlight'
  | 'resume'
  | 'overwrite'
  | 'onCheckpointFailure'
  | 'checkpointTimeoutMs'
  | 'backend'
  | 'metricsFile'
> {
  return {
    checkpointEvery: parseCheckpointEvery(argv['checkpoint-every']),
    keepLast: argv['keep-last'],
    inFlight: argv['in-flight'] as 'wait' | 'skip',
    resume: argv.resume ?? false,
    overwrite: argv.overwrite ?? false,
    onCheckpointFailure: argv['on-checkpoint-failure'] as 'stop' | 'continue',
    checkpointTimeoutMs: parseDurationMs(argv['checkpoint-timeout'], '--checkpoint-timeout'),
    backend: argv.backend as BackendChoice,
    ...(argv.metrics ? { metricsFile: argv.metrics } : {}),
  };
}

/** `90s` → ms, for the duration flags. */
export function parseDurationMs(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  if (!match || Number(match[1]) <= 0)
    throw new UsageError(`${flag} '${text}': give a duration such as 90s or 5m`);
  return Number(match[1]) * unit[match[2] ?? 's']!;
}
