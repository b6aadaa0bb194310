import type { CommandModule } from 'yargs';
import { createLogger, printJson, printLine, UsageError } from '@strata/cli';
import { BACKEND_CHOICES, type BackendChoice } from '../model/backend.js';
import { OPTIMIZERS, type OptimizerName } from '../loop/optimizer.js';
import { parseCheckpointEvery } from '../loop/schedule.js';
import { train } from '../loop/train.js';
import { HEARTBEAT } from '../supervisor/supervisor.js';
import { runSupervised } from './supervised.js';

export interface RunArgs {
  model: string;
  data: string;
  checkpoint: string;
  steps: number;
  'batch-size': number;
  seed: number;
  'learning-rate': number;
  optimizer: string;
  dropout: number;
  'checkpoint-every': string;
  'keep-last': number;
  'in-flight': string;
  save: string;
  resume?: boolean;
  overwrite?: boolean;
  'on-checkpoint-failure': string;
  'checkpoint-timeout': string;
  supervise?: boolean;
  'heartbeat-timeout': string;
  'startup-timeout': string;
  'max-restarts': number;
  'incident-log'?: string;
  backend: string;
  metrics?: string;
  'remat-plan'?: string;
  'memory-budget'?: string;
  'remat-solver'?: string;
  json?: boolean;
  verbose?: boolean;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: '$0',
  describe: 'Train a model with asynchronous checkpoints (resume, supervise)',
  builder: (yargs) =>
    yargs
      .option('model', {
        type: 'string',
        demandOption: true,
        describe: 'mlp:IN-H-...-OUT, mlp-bytes:SIZE, or the URI of a tf.io model.json',
      })
      .option('data', {
        type: 'string',
        demandOption: true,
        describe: 'URI of a folder of JSONL shards ({"x": [...], "y": class} per line)',
      })
      .option('checkpoint', {
        type: 'string',
        demandOption: true,
        describe: 'URI checkpoints are written under (file://, path, s3://, gs://)',
      })
      .option('steps', { type: 'number', default: 1000, describe: 'Train until this step' })
      .option('batch-size', { type: 'number', default: 32 })
      .option('seed', {
        type: 'number',
        default: 0,
        describe: 'Seeds initializers, data order and dropout',
      })
      .option('learning-rate', { type: 'number', default: 0.001 })
      .option('optimizer', { type: 'string', choices: OPTIMIZERS, default: 'adam' })
      .option('dropout', {
        type: 'number',
        default: 0,
        describe: 'Dropout rate after each hidden layer (built-in MLPs)',
      })
      .option('checkpoint-every', {
        type: 'string',
        default: '100',
        describe: 'STEPS (500) or DURATION (90s, 10m)',
      })
      .option('keep-last', { type: 'number', default: 3, describe: 'Complete checkpoints to keep' })
      .option('in-flight', {
        type: 'string',
        choices: ['wait', 'skip'],
        default: 'wait',
        describe:
          'When a checkpoint is due while the previous is still being written: wait for it, or skip this one',
      })
      .option('save', {
        type: 'string',
        choices: ['async', 'sync'],
        default: 'async',
        describe: 'sync: the step waits for the whole write (baseline)',
      })
      .option('resume', {
        type: 'boolean',
        describe: 'Continue from the newest complete checkpoint',
      })
      .option('overwrite', {
        type: 'boolean',
        describe:
          'Start at step 0 and delete the checkpoints already under --checkpoint (with --resume: only when none is usable)',
      })
      .option('on-checkpoint-failure', {
        type: 'string',
        choices: ['stop', 'continue'],
        default: 'stop',
        describe:
          'A checkpoint that fails after its retries stops the run, or is reported and training goes on',
      })
      .option('checkpoint-timeout', {
        type: 'string',
        default: '10m',
        describe: 'A checkpoint write (and the test write at start) still running after this fails',
      })
      .option('supervise', {
        type: 'boolean',
        describe: 'Run as a child process; restart it on crash or hang',
      })
      .option('heartbeat-timeout', {
        type: 'string',
        default: '120s',
        describe: 'With --supervise: a child silent this long is hung',
      })
      .option('startup-timeout', {
        type: 'string',
        default: '10m',
        describe: 'With --supervise: time a child may take to its first step',
      })
      .option('max-restarts', {
        type: 'number',
        default: 10,
        describe: 'With --supervise: restart budget',
      })
      .option('incident-log', {
        type: 'string',
        describe: 'With --supervise: JSONL file of incidents',
      })
      .option('backend', {
        type: 'string',
        choices: BACKEND_CHOICES,
        default: 'auto',
        describe: 'cpu is deterministic (bit-exact resume)',
      })
      .option('metrics', {
        type: 'string',
        describe: 'JSONL file per-step metrics are appended to',
      })
      .option('memory-budget', {
        type: 'string',
        describe:
          'Train by a remat plan that keeps activations within this budget (bytes, 512MiB, or NN% of the no-remat peak)',
      })
      .option('remat-solver', {
        type: 'string',
        describe: 'Planner for --memory-budget (milp, lp-round, greedy-remat, chen-greedy, ...; default milp)',
      })
      .option('remat-plan', {
        type: 'string',
        describe:
          "Train by a saved plan: 'strata remat plan --json' of this model's graph ('strata remat graph') at this batch size",
      })
      .example(
        '$0 train --model mlp:784-256-10 --data s3://bucket/mnist/ --checkpoint s3://bucket/runs/a --resume',
        'Train, resuming if a checkpoint exists',
      ),
  handler: async (argv) => {
    const logger = createLogger(argv);
    if (argv.supervise) {
      const summary = await runSupervised(argv, logger);
      if (argv.json) printJson(summary);
      else
        printLine(
          `supervised run finished at step ${summary.lastStep ?? 'none'} after ${summary.restarts} restart(s)`,
        );
      return;
    }
    const schedule = parseCheckpointEvery(argv['checkpoint-every']);
    const summary = await train({
      model: argv.model,
      data: argv.data,
      checkpoint: argv.checkpoint,
      steps: argv.steps,
      batchSize: argv['batch-size'],
      seed: argv.seed,
      learningRate: argv['learning-rate'],
      optimizer: argv.optimizer as OptimizerName,
      dropout: argv.dropout,
      checkpointEvery: schedule,
      keepLast: argv['keep-last'],
      inFlight: argv['in-flight'] as 'wait' | 'skip',
      saveMode: argv.save as 'async' | 'sync',
      resume: argv.resume ?? false,
      overwrite: argv.overwrite ?? false,
      onCheckpointFailure: argv['on-checkpoint-failure'] as 'stop' | 'continue',
      checkpointTimeoutMs: parseDurationMs(argv['checkpoint-timeout'], '--checkpoint-timeout'),
      backend: argv.backend as BackendChoice,
      ...(argv.metrics ? { metricsFile: argv.metrics } : {}),
      ...(argv['remat-plan'] ? { rematPlan: argv['remat-plan'] } : {}),
      ...(argv['memory-budget'] ? { memoryBudget: argv['memory-budget'] } : {}),
      ...(argv['remat-solver'] ? { rematSolver: argv['remat-solver'] } : {}),
      log: (line) => logger.info(line),
      warn: (line) => logger.warn(line),
      echoWriterEvents: !argv.json,
      onStep: (step) => {
        if (process.send && process.connected) process.send({ type: HEARTBEAT, step });
      },
    });
    if (argv.json) printJson(summary);
    else if (!summary.trained) {
      printLine(
        `nothing to train: the newest checkpoint is at step ${summary.resumedFrom}, --steps is ${argv.steps}`,
      );
    } else {
      const worst = Math.max(0, ...summary.stalls.map((s) => s.ms));
      const failed = summary.failedCheckpoints.map((f) => f.step);
      printLine(
        `trained steps ${summary.firstStep}..${summary.lastStep} on ${summary.backend}: final loss ${summary.finalLoss ?? 'n/a'}, ` +
          `${summary.checkpoints} checkpoint(s) written${failed.length > 0 ? `, ${failed.length} failed (steps ${failed.join(', ')})` : ''}, ` +
          `kept: ${summary.kept.join(', ') || 'none'}; worst checkpoint stall ${worst.toFixed(1)} ms`,
      );
    }
  },
};

/** `90s` → ms, for --heartbeat-timeout. */
export function parseDurationMs(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  if (!match || Number(match[1]) <= 0)
    throw new UsageError(`${flag} '${text}': give a duration such as 90s or 5m`);
  return Number(match[1]) * unit[match[2] ?? 's']!;
}
