import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { CommandModule } from 'yargs';
import {
  createLogger,
  createProgress,
  printJson,
  printLine,
  UsageError,
  type GlobalOptions,
} from '@strata/cli';
import { openStore } from '@strata/transfer';
import {
  CHECKPOINT_OPTIONS,
  HEARTBEAT,
  REMAT_OPTIONS,
  SUPERVISOR_OPTIONS,
  checkpointLoopOptions,
  runSupervised,
  trainTask,
  withDefault,
  type CheckpointArgs,
  type RematArgs,
  type SupervisorArgs,
} from '@strata/train';
import { ENCODER_DEFAULTS, parseEncoderKind } from '../models/index.js';
import { lossCurveSvg, lossTerms, readLossPoints, type LossPoint } from '../pretrain/loss-curve.js';
import { parseObjective } from '../pretrain/objectives.js';
import { pretrainTask } from '../pretrain/task.js';
import { DEFAULT_VOCAB_SIZE } from '../tokenizer/index.js';

interface PretrainArgs extends GlobalOptions, CheckpointArgs, SupervisorArgs, RematArgs {
  corpus: string;
  encoder: string;
  objective: string;
  checkpoint: string;
  steps: number;
  'batch-size': number;
  'learning-rate': number;
  seed: number;
  curve?: string;
  'queue-size'?: number;
  momentum: number;
  'vocab-size': number;
  'sequence-length'?: number;
  width?: number;
  layers?: number;
  heads?: number;
  'feed-forward'?: number;
  'subword-alpha': number;
  'tokenizer-functions': number;
}

export const pretrainCommand: CommandModule<GlobalOptions, PretrainArgs> = {
  command: 'pretrain',
  describe:
    'Pretrain a code encoder on a corpus: MoCo (ContraCode), hybrid MoCo + masked LM, or masked LM',
  builder: (yargs) =>
    yargs
      .option('corpus', {
        type: 'string',
        demandOption: true,
        describe: "URI of a corpus from 'strata code corpus build'",
      })
      .option('encoder', { type: 'string', demandOption: true, describe: 'bilstm or transformer' })
      .option('objective', {
        type: 'string',
        demandOption: true,
        describe: 'moco, hybrid (MoCo + masked LM, 4:1) or mlm',
      })
      .option('checkpoint', {
        type: 'string',
        demandOption: true,
        describe: 'URI checkpoints are written under (path, file://, s3://, gs://)',
      })
      .option('steps', { type: 'number', default: 1000, describe: 'Train until this step' })
      .option('batch-size', { type: 'number', default: 32 })
      .option('learning-rate', {
        type: 'number',
        default: 0.0008,
        describe: "Adam's learning rate",
      })
      .option('seed', {
        type: 'number',
        default: 0,
        describe: 'Seeds weights, tokenizer sample, data order, views and masks',
      })
      .options(CHECKPOINT_OPTIONS)
      .options({
        ...SUPERVISOR_OPTIONS,
        'heartbeat-timeout': withDefault(
          SUPERVISOR_OPTIONS['heartbeat-timeout'],
          '300s',
          "a step of the paper's encoder sizes on two CPU cores can take minutes",
        ),
        'startup-timeout': withDefault(
          SUPERVISOR_OPTIONS['startup-timeout'],
          '15m',
          'the child trains the tokenizer, and plans with --memory-budget, before its first step',
        ),
      })
      .options(REMAT_OPTIONS)
      .option('curve', {
        type: 'string',
        describe: 'SVG file of the loss curve (default: loss.svg under --checkpoint)',
      })
      .option('queue-size', {
        type: 'number',
        describe: 'MoCo negatives (default: scaled to the corpus)',
      })
      .option('momentum', {
        type: 'number',
        default: 0.999,
        describe: "The MoCo key encoder's EMA momentum (part of the run's identity)",
      })
      .option('vocab-size', {
        type: 'number',
        default: DEFAULT_VOCAB_SIZE,
        describe: 'Tokenizer ids at most',
      })
      .option('sequence-length', { type: 'number', describe: 'Tokens per function (default 64)' })
      .option('width', {
        type: 'number',
        describe: 'Embedding width / LSTM units / d_model (default 64)',
      })
      .option('layers', { type: 'number', describe: 'Encoder layers (default 2)' })
      .option('heads', { type: 'number', describe: 'Transformer attention heads (default 4)' })
      .option('feed-forward', {
        type: 'number',
        describe: 'Transformer feed-forward width (default 128)',
      })
      .option('subword-alpha', {
        type: 'number',
        default: 0.1,
        describe: 'Subword-regularisation alpha for the views (0: off)',
      })
      .option('tokenizer-functions', {
        type: 'number',
        default: 5000,
        describe: 'Functions the tokenizer is trained on',
      })
      .example(
        '$0 code pretrain --corpus corpus/ --encoder bilstm --objective moco --checkpoint runs/moco --steps 2000',
        'ContraCode pretraining of a BiLSTM',
      ),
  handler: async (argv) => {
    const logger = createLogger(argv);
    if (argv['remat-solver'] !== undefined && argv['memory-budget'] === undefined) {
      throw new UsageError(
        '--remat-solver chooses the planner for --memory-budget: give a budget too',
      );
    }
    const kind = parseEncoderKind(argv.encoder);
    const objective = parseObjective(argv.objective);
    if (argv.supervise) {
      const summary = await runSupervised(argv, (line) => logger.info(line));
      if (argv.json) printJson(summary);
      else
        printLine(
          `supervised pretraining finished at step ${summary.lastStep ?? 'none'} after ${summary.restarts} restart(s)`,
        );
      return;
    }
    const defaults = ENCODER_DEFAULTS[kind];
    const spec = await pretrainTask({
      corpus: argv.corpus,
      objective,
      encoder: {
        ...defaults,
        vocabSize: argv['vocab-size'],
        sequenceLength: argv['sequence-length'] ?? defaults.sequenceLength,
        width: argv.width ?? defaults.width,
        layers: argv.layers ?? defaults.layers,
        heads: argv.heads ?? defaults.heads,
        feedForward: argv['feed-forward'] ?? defaults.feedForward,
      },
      ...(argv['queue-size'] === undefined ? {} : { queueSize: argv['queue-size'] }),
      momentum: argv.momentum,
      subwordAlpha: argv['subword-alpha'],
      tokenizerFunctions: argv['tokenizer-functions'],
      batchSize: argv['batch-size'],
      ...(argv['memory-budget'] === undefined ? {} : { memoryBudget: argv['memory-budget'] }),
      ...(argv['remat-solver'] === undefined ? {} : { rematSolver: argv['remat-solver'] }),
    });
    const points: LossPoint[] = [];
    const progress = createProgress(argv.steps, {
      label: 'pretrain',
      enabled: !argv.json && process.stderr.isTTY === true && process.env['CI'] === undefined,
      format: 'pretrain [{bar}] {value}/{total} | loss {loss} | {rate} seq/s | ETA {eta_formatted}',
    });
    let last = performance.now();
    let rate = 0;
    let summary;
    try {
      summary = await trainTask(spec, {
        checkpoint: argv.checkpoint,
        steps: argv.steps,
        batchSize: argv['batch-size'],
        seed: argv.seed,
        learningRate: argv['learning-rate'],
        optimizer: 'adam',
        ...checkpointLoopOptions(argv),
        log: (line) => logger.info(line),
        warn: (line) => logger.warn(line),
        onStep: (step, loss, result) => {
          const now = performance.now();
          const seconds = (now - last) / 1000;
          last = now;
          // A smoothed rate: single steps vary with the machine's load.
          const current = result.examples / Math.max(seconds, 1e-6);
          rate = rate === 0 ? current : 0.8 * rate + 0.2 * current;
          points.push(...lossTerms(step, { loss, ...result.metrics }));
          progress.update(step, { loss: loss.toFixed(4), rate: rate.toFixed(1) });
          if (process.send && process.connected) process.send({ type: HEARTBEAT, step });
        },
      });
    } finally {
      progress.stop();
    }
    const curve = await writeCurve(
      argv,
      argv.metrics ? await readLossPoints(argv.metrics) : points,
      kind,
      objective,
    );
    if (argv.json) printJson({ ...summary, curve });
    else {
      printLine(
        `pretrained ${kind} (${objective}) steps ${summary.firstStep}..${summary.lastStep} on ${summary.backend}: final loss ${summary.finalLoss ?? 'n/a'}, ` +
          `${summary.checkpoints} checkpoint(s), last at step ${summary.lastCheckpoint ?? 'none'}; loss curve ${curve ?? 'not drawn (no steps)'}`,
      );
    }
  },
};

async function writeCurve(
  argv: PretrainArgs,
  points: LossPoint[],
  kind: string,
  objective: string,
): Promise<string | null> {
  if (points.length === 0) return null;
  const svg = await lossCurveSvg(points, `ContraCode pretraining: ${kind}, ${objective}`);
  if (argv.curve) {
    await writeFile(argv.curve, svg);
    return argv.curve;
  }
  const { store, key } = await openStore(argv.checkpoint);
  try {
    const target = `${key === '' || key.endsWith('/') ? key : `${key}/`}loss.svg`;
    const body = Buffer.from(svg, 'utf8');
    await store.write(target, Readable.from([body]), { size: body.length });
  } finally {
    await store.close?.();
  }
  return `${argv.checkpoint.replace(/\/$/, '')}/loss.svg`;
}
