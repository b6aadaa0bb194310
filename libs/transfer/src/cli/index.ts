/**
 * `strata transfer cp|sync|ls`: parse flags, call the library, format the result. Progress and
 * failures go to stderr, the summary to stdout (one JSON object with --json).
 */
import type { Argv, CommandModule } from 'yargs';
import {
  createLogger,
  createProgress,
  FailureError,
  formatBytes,
  parseSize,
  printJson,
  printLine,
  UsageError,
  type GlobalOptions,
} from '@strata/cli';
import { listObjects, transfer } from '../engine/api.js';
import {
  DEFAULT_TRANSFER_OPTIONS,
  type TransferOptions,
  type TransferSummary,
} from '../engine/options.js';

interface CopyArgs extends GlobalOptions {
  src: string;
  dst: string;
  recursive?: boolean;
  delete?: boolean;
  'dry-run'?: boolean;
  include?: string[];
  exclude?: string[];
  'part-size'?: string;
  'multipart-threshold'?: string;
  concurrency?: number;
  'small-objects'?: number;
  'state-dir'?: string;
}

function copyOptions(yargs: Argv): Argv<CopyArgs> {
  const defaults = DEFAULT_TRANSFER_OPTIONS;
  return yargs
    .positional('src', {
      type: 'string',
      demandOption: true,
      describe: 's3://bucket/key, gs://bucket/key, file:///path or a path',
    })
    .positional('dst', {
      type: 'string',
      demandOption: true,
      describe: 'Where to copy to (same forms)',
    })
    .option('dry-run', {
      type: 'boolean',
      describe: 'Show what would be copied or deleted; write nothing',
    })
    .option('include', {
      type: 'string',
      array: true,
      describe: 'Only keys matching this glob (relative to SRC); repeatable',
    })
    .option('exclude', {
      type: 'string',
      array: true,
      describe: 'Skip keys matching this glob; repeatable',
    })
    .option('part-size', {
      type: 'string',
      describe: `Multipart part size (default ${formatBytes(defaults.partSize)})`,
    })
    .option('multipart-threshold', {
      type: 'string',
      describe: `Objects this large or larger go multipart (default ${formatBytes(defaults.multipartThreshold)})`,
    })
    .option('concurrency', {
      type: 'number',
      describe: `Parts in flight (default ${defaults.concurrency})`,
    })
    .option('small-objects', {
      type: 'number',
      describe: `Small objects in flight (default ${defaults.smallObjects})`,
    })
    .option('state-dir', {
      type: 'string',
      describe: `Where resume manifests live (default ${defaults.stateDir})`,
    }) as unknown as Argv<CopyArgs>;
}

function positiveInteger(value: number | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1)
    throw new UsageError(`--${flag} must be a whole number of at least 1, not '${value}'`);
  return value;
}

function transferOptions(args: CopyArgs, mode: 'cp' | 'sync'): Partial<TransferOptions> {
  const options: Partial<TransferOptions> = {
    mode,
    recursive: args.recursive ?? false,
    deleteExtraneous: args.delete ?? false,
    dryRun: args['dry-run'] ?? false,
    include: args.include ?? [],
    exclude: args.exclude ?? [],
  };
  if (args['part-size'] !== undefined)
    options.partSize = parseSize(args['part-size'], '--part-size');
  if (args['multipart-threshold'] !== undefined)
    options.multipartThreshold = parseSize(args['multipart-threshold'], '--multipart-threshold');
  const concurrency = positiveInteger(args.concurrency, 'concurrency');
  if (concurrency !== undefined) options.concurrency = concurrency;
  const smallObjects = positiveInteger(args['small-objects'], 'small-objects');
  if (smallObjects !== undefined) options.smallObjects = smallObjects;
  if (args['state-dir'] !== undefined) options.stateDir = args['state-dir'];
  return options;
}

function printSummary(summary: TransferSummary, args: GlobalOptions): void {
  if (args.json) return printJson(summary);
  if (summary.planned) {
    for (const action of summary.planned) {
      printLine(
        `(dry run) ${action.action} ${action.source ? `${action.source} -> ` : ''}${action.destination} (${formatBytes(action.size)})`,
      );
    }
  }
  printLine(
    `${summary.objects} objects, ${formatBytes(summary.bytes)} in ${summary.seconds.toFixed(1)} s (${summary.throughputMBps.toFixed(1)} MB/s); ` +
      `${summary.skipped} skipped, ${summary.deleted} deleted, ${summary.retries} retries, ${summary.failed.length} failed`,
  );
}

async function runCopy(args: CopyArgs, mode: 'cp' | 'sync'): Promise<void> {
  const logger = createLogger(args);
  let progress: ReturnType<typeof createProgress> | undefined;
  const started = Date.now();
  const summary = await transfer(args.src, args.dst, transferOptions(args, mode), {
    onProgress: (state) => {
      if (!progress && state.bytesTotal > 0) {
        progress = createProgress(state.bytesTotal, {
          label: mode,
          enabled: args.json ? false : undefined,
          format: `${mode} [{bar}] {done} / {all} | {rate} | ETA {eta_formatted}`,
        });
      }
      const seconds = (Date.now() - started) / 1000;
      progress?.update(state.bytesDone, {
        done: formatBytes(state.bytesDone),
        all: formatBytes(state.bytesTotal),
        rate: `${formatBytes(seconds > 0 ? state.bytesDone / seconds : 0)}/s`,
      });
    },
    onRetry: (event) =>
      logger.verbose(
        `retry ${event.attempt} of ${event.key} in ${event.delayMs} ms (${event.failure})`,
      ),
    // Bad input (a source that changed) is reported once, as the one-line verdict below.
    onFailure: (failure) => {
      if (!failure.usage) process.stderr.write(`failed: ${failure.key}: ${failure.error}\n`);
    },
  });
  progress?.stop();
  printSummary(summary, args);
  const changed = summary.failed.find((failure) => failure.usage);
  if (changed) throw new UsageError(changed.error);
  if (summary.failed.length > 0) {
    throw new FailureError(
      `${summary.failed.length} object(s) failed: ${summary.failed.map((failure) => failure.key).join(', ')}`,
    );
  }
}

const cp: CommandModule<GlobalOptions, CopyArgs> = {
  command: 'cp <src> <dst>',
  describe: 'Copy an object, or everything under a prefix with --recursive',
  builder: (yargs) =>
    copyOptions(yargs).option('recursive', {
      alias: 'r',
      type: 'boolean',
      describe: 'Copy every object under SRC',
    }) as unknown as Argv<CopyArgs>,
  handler: (args) => runCopy(args, 'cp'),
};

const sync: CommandModule<GlobalOptions, CopyArgs> = {
  command: 'sync <src> <dst>',
  describe: 'Make DST hold what SRC holds: copy what is missing or differs (size and checksum)',
  builder: (yargs) =>
    copyOptions(yargs).option('delete', {
      type: 'boolean',
      describe: 'Also delete DST objects that SRC does not have',
    }) as unknown as Argv<CopyArgs>,
  handler: (args) => runCopy(args, 'sync'),
};

interface LsArgs extends GlobalOptions {
  uri: string;
}

const ls: CommandModule<GlobalOptions, LsArgs> = {
  command: 'ls <uri>',
  describe: 'List the objects under a URI (recursive)',
  builder: (yargs) =>
    yargs.positional('uri', { type: 'string', demandOption: true }) as unknown as Argv<LsArgs>,
  handler: async (args) => {
    const objects = [];
    for await (const info of listObjects(args.uri)) {
      if (args.json)
        objects.push({
          key: info.key,
          size: info.size,
          etag: info.etag,
          lastModified: info.lastModified?.toISOString(),
        });
      else
        printLine(
          `${String(info.size).padStart(12)}  ${info.lastModified?.toISOString() ?? ''}  ${info.key}`,
        );
    }
    if (args.json) printJson({ uri: args.uri, objects });
  },
};

export const transferCommand: CommandModule = {
  command: 'transfer <command>',
  describe: 'Copy and sync between object stores (S3, GCS, local files)',
  builder: (yargs) =>
    yargs
      .command(cp as unknown as CommandModule)
      .command(sync as unknown as CommandModule)
      .command(ls as unknown as CommandModule)
      .demandCommand(1, 'Name a transfer command: cp, sync or ls'),
  handler: () => {},
};
