import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { CommandModule } from 'yargs';
import {
  createLogger,
  createProgress,
  FailureError,
  printJson,
  printLine,
  UsageError,
  type GlobalOptions,
} from '@strata/cli';
import { openStore } from '@strata/transfer';
import {
  BACKEND_CHOICES,
  HEARTBEAT,
  parseCheckpointEvery,
  supervise,
  trainTask,
  type BackendChoice,
  type SuperviseSummary,
} from '@strata/train';
import { ENCODER_DEFAULTS, parseEncoderKind } from '../models/index.js';
import { lossCurveSvg, lossTerms, readLossPoints, type LossPoint } from '../pretrain/loss-curve.js';
import { parseObjective } from '../pretrain/objectives.js';
import { pretrainTask } from '../pretrain/task.js';
import { DEFAULT_VOCAB_SIZE } from '../tokenizer/index.js';

interface PretrainArgs extends GlobalOptions {
  corpus: string;
  encoder: string;
  objective: string;
  checkpoint: string;
  steps: number;
  'memory-budget'?: string;
  'batch-size': number;
  'learning-rate': number;
  seed: number;
  backend: string;
  resume?: boolean;
  supervise?: boolean;
  'checkpoint-every': string;
  'keep-last': number;
  metrics?: string;
  curve?: string;
  'heartbeat-timeout': string;
  'startup-timeout': string;
  'max-restarts': number;
  'incident-log'?: string;
  'queue-size'?: number;
  'vocab-size': number;
  'sequence-length'?: number;
  width?: number;
  layers?: number;
  heads?: number;
  'feed-forward'?: number;
  'subword-alpha': number;
  'tokenizer-functions': number;
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function durationMs(text: string, flag: string): number {
  const match = DURATION.exec(text.trim());
  if (!match || Number(match[1]) <= 0)
    throw new UsageError(`${flag} '${text}': give a duration such as 90s or 5m`);
  return Number(match[1]) * UNIT_MS[match[2] ?? 's']!;
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
      .option('memory-budget', {
        type: 'string',
        describe: 'Train each step within this memory by a remat plan (e.g. 512MiB)',
      })
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
      .option('backend', {
        type: 'string',
        choices: BACKEND_CHOICES,
        default: 'auto',
        describe: 'cpu is deterministic (bit-exact resume)',
      })
      .option('resume', {
        type: 'boolean',
        describe: 'Continue from the newest complete checkpoint',
      })
      .option('supervise', {
        type: 'boolean',
        describe: 'Run as a child process; restart it on crash or hang',
      })
      .option('checkpoint-every', {
        type: 'string',
        default: '100',
        describe: 'STEPS (500) or DURATION (90s, 10m)',
      })
      .option('keep-last', { type: 'number', default: 3, describe: 'Complete checkpoints to keep' })
      .option('metrics', {
        type: 'string',
        describe: 'JSONL file per-step metrics are appended to',
      })
      .option('curve', {
        type: 'string',
        describe: 'SVG file of the loss curve (default: loss.svg under --checkpoint)',
      })
      .option('heartbeat-timeout', {
        type: 'string',
        default: '300s',
        describe: 'With --supervise: a child silent this long is hung',
      })
      .option('startup-timeout', {
        type: 'string',
        default: '15m',
        describe: 'With --supervise: time to the first step',
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
      .option('queue-size', {
        type: 'number',
        describe: 'MoCo negatives (default: scaled to the corpus)',
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
    if (argv['memory-budget'] !== undefined) {
      throw new FailureError(
        '--memory-budget is not available yet: pretraining steps are not run by a remat plan (libs/remat-tfjs) so far; train without it',
      );
    }
    const kind = parseEncoderKind(argv.encoder);
    const objective = parseObjective(argv.objective);
    if (argv.supervise) {
      const summary = await runSupervised(argv, logger.info);
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
      subwordAlpha: argv['subword-alpha'],
      tokenizerFunctions: argv['tokenizer-functions'],
      batchSize: argv['batch-size'],
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
        checkpointEvery: parseCheckpointEvery(argv['checkpoint-every']),
        keepLast: argv['keep-last'],
        inFlight: 'wait',
        resume: argv.resume ?? false,
        backend: argv.backend as BackendChoice,
        ...(argv.metrics ? { metricsFile: argv.metrics } : {}),
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

/** Re-runs this command line as a child (without --supervise, with --resume), restarting it on crash or hang. */
function runSupervised(argv: PretrainArgs, log: (line: string) => void): Promise<SuperviseSummary> {
  const script = process.argv[1];
  if (!script) throw new Error('cannot tell which script to restart');
  const args = process.argv.slice(2).filter((arg) => arg !== '--supervise' && arg !== '--json');
  if (!args.includes('--resume')) args.push('--resume');
  return supervise({
    command: process.execPath,
    args: [...process.execArgv, script, ...args],
    heartbeatTimeoutMs: durationMs(argv['heartbeat-timeout'], '--heartbeat-timeout'),
    startupTimeoutMs: durationMs(argv['startup-timeout'], '--startup-timeout'),
    maxRestarts: argv['max-restarts'],
    baseBackoffMs: 1000,
    maxBackoffMs: 60_000,
    ...(argv['incident-log'] ? { incidentLog: argv['incident-log'] } : {}),
    log,
  });
}
