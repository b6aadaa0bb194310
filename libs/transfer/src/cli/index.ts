/**
 * `strata transfer cp|sync|ls`: parse flags, call the library, format the result. Progress and
 * failures go to stderr, the summary to stdout (one JSON object with --json, also on failure).
 * The engine (stores, hashing, globbing) loads in the handlers: `strata transfer plan` and --help
 * do not need it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { FailureError, formatBytes, printLine, UsageError, type GlobalOptions } from '@strata/cli';
import { DEFAULT_TRANSFER_OPTIONS, type TransferSummary } from '../engine/options.js';
import { copyOptions, transferOptions, type CopyArgs } from './copy-options.js';
import { emitJson, withJsonError } from './json-output.js';
import { planCommand } from './plan-command.js';
import { ProgressView } from './progress-view.js';

/** Failed keys named on the final line; more are written to a file the line names. */
const FAILURES_NAMED = 5;

function printSummary(summary: TransferSummary, args: GlobalOptions): void {
  if (args.json) return emitJson(summary);
  if (summary.planned) {
    for (const action of summary.planned) {
      printLine(
        `(dry run) ${action.action} ${action.source ? `${action.source} -> ` : ''}${action.destination} (${formatBytes(action.size)}${action.route ? `, ${action.route}` : ''})`,
      );
    }
  }
  printLine(
    `${summary.objects} objects, ${formatBytes(summary.bytes)} in ${summary.seconds.toFixed(1)} s (${summary.throughputMBps.toFixed(1)} MB/s); ` +
      `${summary.skipped} skipped, ${summary.deleted} deleted, ${summary.retries} retries, ${summary.failed.length} failed`,
  );
}

/** The final failure line: a count, a few keys, and the file holding every key and its error. */
async function failureVerdict(summary: TransferSummary, stateDir: string): Promise<FailureError> {
  const { failed } = summary;
  const named = failed.slice(0, FAILURES_NAMED).map((failure) => failure.key);
  let where = '';
  if (failed.length > FAILURES_NAMED) {
    const file = join(
      stateDir,
      `failed-${summary.mode}-${new Date().toISOString().replace(/[:.]/g, '-')}.txt`,
    );
    await mkdir(stateDir, { recursive: true });
    await writeFile(file, failed.map((failure) => `${failure.key}\t${failure.error}\n`).join(''));
    where = `, ... (every key and its error: ${file})`;
  }
  return new FailureError(`${failed.length} object(s) failed: ${named.join(', ')}${where}`);
}

async function runCopy(args: CopyArgs, mode: 'cp' | 'sync'): Promise<void> {
  const options = transferOptions(args, mode);
  const { transfer } = await import('../engine/api.js');
  const view = new ProgressView(mode, args.json ? false : undefined);
  let summary: TransferSummary;
  try {
    summary = await transfer(args.src, args.dst, options, {
      onProgress: (state) => view.update(state),
      onRetry: (event) => {
        if (args.verbose)
          view.line(
            `retry ${event.attempt} of ${event.key} in ${event.delayMs} ms (${event.failure})`,
          );
      },
      onNotice: (message) => view.line(`note: ${message}`),
      // Bad input (a source that changed) is reported once, as the one-line verdict below.
      onFailure: (failure) => {
        if (!failure.usage) view.line(`failed: ${failure.key}: ${failure.error}`);
      },
    });
  } finally {
    view.stop();
  }
  printSummary(summary, args);
  const changed = summary.failed.find((failure) => failure.usage);
  if (changed) throw new UsageError(changed.error);
  if (summary.failed.length > 0)
    throw await failureVerdict(summary, options.stateDir ?? DEFAULT_TRANSFER_OPTIONS.stateDir);
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
  handler: withJsonError((args: CopyArgs) => runCopy(args, 'cp')),
};

const sync: CommandModule<GlobalOptions, CopyArgs> = {
  command: 'sync <src> <dst>',
  describe: 'Make DST hold what SRC holds: copy what is missing or differs (size and checksum)',
  builder: (yargs) =>
    copyOptions(yargs).option('delete', {
      type: 'boolean',
      describe: 'Also delete DST objects that SRC does not have',
    }) as unknown as Argv<CopyArgs>,
  handler: withJsonError((args: CopyArgs) => runCopy(args, 'sync')),
};

interface LsArgs extends GlobalOptions {
  uri: string;
}

const ls: CommandModule<GlobalOptions, LsArgs> = {
  command: 'ls <uri>',
  describe: 'List the objects under a URI (recursive); exit 1 when there are none under a prefix',
  builder: (yargs) =>
    yargs.positional('uri', { type: 'string', demandOption: true }) as unknown as Argv<LsArgs>,
  handler: withJsonError(async (args: LsArgs) => {
    const { listObjects } = await import('../engine/api.js');
    const objects = [];
    let count = 0;
    for await (const info of listObjects(args.uri)) {
      count += 1;
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
    // As aws-cli: a prefix with nothing under it is most likely a typo. An empty bucket is not.
    if (count === 0 && !/^[a-z0-9]+:\/\/[^/]+\/?$/i.test(args.uri))
      throw new FailureError(`nothing found under '${args.uri}'`);
    if (args.json) emitJson({ uri: args.uri, objects });
  }),
};

/** The parser of `strata transfer`, kept so that the verb alone can print its help. */
let transferParser: Argv | undefined;

export const transferCommand: CommandModule = {
  command: 'transfer [command]',
  describe: 'Copy and sync between object stores (S3, GCS, local files)',
  builder: (yargs) => {
    transferParser = yargs
      .command(cp as unknown as CommandModule)
      .command(sync as unknown as CommandModule)
      .command(ls as unknown as CommandModule)
      .command(planCommand as unknown as CommandModule);
    return transferParser;
  },
  // `strata transfer` alone: its help (as rclone alone prints its own), not a parser message.
  handler: () => {
    transferParser?.showHelp((text) => process.stdout.write(`${text}\n`));
  },
};
