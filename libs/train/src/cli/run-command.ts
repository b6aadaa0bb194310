import type { CommandModule } from 'yargs';
import { createLogger, printJson, printLine } from '@strata/cli';
import { OPTIMIZERS, type OptimizerName } from '../loop/optimizer.js';
import { train } from '../loop/train.js';
import { HEARTBEAT } from '../supervisor/supervisor.js';
import {
  CHECKPOINT_OPTIONS,
  REMAT_OPTIONS,
  SUPERVISOR_OPTIONS,
  checkpointLoopOptions,
  type CheckpointArgs,
  type RematArgs,
  type SupervisorArgs,
} from './shared-options.js';
import { runSupervised } from './supervised.js';

export interface RunArgs extends CheckpointArgs, SupervisorArgs, RematArgs {
  model: string;
  data: string;
  checkpoint: string;
  steps: number;
  'batch-size': number;
  seed: number;
  'learning-rate': number;
  optimizer: string;
  dropout: number;
  save: string;
  'remat-plan'?: string;
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
      .option('save', {
        type: 'string',
        choices: ['async', 'sync'],
        default: 'async',
        describe: 'sync: the step waits for the whole write (baseline)',
      })
      .options(CHECKPOINT_OPTIONS)
      .options(SUPERVISOR_OPTIONS)
      .options(REMAT_OPTIONS)
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
      const summary = await runSupervised(argv, (line) => logger.info(line));
      if (argv.json) printJson(summary);
      else
        printLine(
          `supervised run finished at step ${summary.lastStep ?? 'none'} after ${summary.restarts} restart(s)`,
        );
      return;
    }
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
      ...checkpointLoopOptions(argv),
      saveMode: argv.save as 'async' | 'sync',
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
