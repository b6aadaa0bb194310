/**
 * The flags of `strata transfer cp|sync` and their parsing into TransferOptions. Every number a
 * user types is checked here and refused in one line that names the flag and what it takes.
 */
import type { Argv } from 'yargs';
import { formatBytes, parseSize, UsageError, type GlobalOptions } from '@strata/cli';
import { DEFAULT_TRANSFER_OPTIONS, type TransferOptions } from '../engine/options.js';

export interface CopyArgs extends GlobalOptions {
  src: string;
  dst: string;
  recursive?: boolean;
  delete?: boolean;
  'dry-run'?: boolean;
  include?: string | string[];
  exclude?: string | string[];
  filter?: string | string[];
  'part-size'?: string;
  'multipart-threshold'?: string;
  concurrency?: string;
  'small-objects'?: string;
  'state-dir'?: string;
}

/** How the filters work, for --help (rclone's documented semantics; engine/filter.ts). */
export const FILTER_HELP =
  'Filters (as rclone): a pattern matches the key relative to SRC; one starting with / is ' +
  'anchored there, any other matches the end of the key, whole path elements only (*.txt ' +
  'matches a.txt and dir/a.txt); * and ? stay inside one path element, ** crosses /; a pattern ' +
  'ending in / matches everything in such a directory. Rules are tried in order, first match ' +
  'wins: the --include rules, then --exclude, then --filter; with any --include, what no rule ' +
  'matched is excluded. sync --delete never deletes excluded keys at DST.';

// One value per flag (repeat the flag for more): an array option would take the positionals
// that follow it (`--exclude '*.log' SRC DST`) as patterns. A pattern left out is '' and refused
// by the filter itself.
const pattern = { type: 'string' } as const;
// Exactly the next word, even when it starts with '-' (`--part-size -5MB` is then refused as a
// size, not parsed as the flags -5, -M and -B).
const single = { type: 'string', nargs: 1 } as const;

export function copyOptions(yargs: Argv): Argv<CopyArgs> {
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
      describe: 'Show what would be copied or deleted, and by which route; write nothing',
    })
    .option('include', { ...pattern, describe: 'Only keys matching PATTERN; repeatable' })
    .option('exclude', { ...pattern, describe: 'Skip keys matching PATTERN; repeatable' })
    .option('filter', {
      ...pattern,
      describe: "'+ PATTERN' includes, '- PATTERN' excludes; repeatable, tried in order",
    })
    .option('part-size', {
      ...single,
      describe: `Multipart part size (default ${formatBytes(defaults.partSize)}; S3 takes 5 MiB-5 GiB)`,
    })
    .option('multipart-threshold', {
      ...single,
      describe: `Objects this large or larger go multipart (default ${formatBytes(defaults.multipartThreshold)})`,
    })
    .option('concurrency', {
      ...single,
      describe: `Parts in flight (default ${defaults.concurrency})`,
    })
    .option('small-objects', {
      ...single,
      describe: `Small objects in flight (default ${defaults.smallObjects})`,
    })
    .option('state-dir', {
      ...single,
      describe: `Where resume manifests live (default ${defaults.stateDir})`,
    })
    .epilogue(FILTER_HELP) as unknown as Argv<CopyArgs>;
}

function positiveInteger(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < 1)
    throw new UsageError(`--${flag} must be a whole number of at least 1, not '${value}'`);
  return number;
}

function positiveSize(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (value.trim().startsWith('-'))
    throw new UsageError(`--${flag} must be a positive size like 64MiB, not '${value}'`);
  const bytes = parseSize(value, `--${flag}`);
  if (bytes < 1)
    throw new UsageError(`--${flag} must be a positive size like 64MiB, not '${value}'`);
  return bytes;
}

/** A flag given once is a string, given again an array. */
function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : [value].flat();
}

export function transferOptions(args: CopyArgs, mode: 'cp' | 'sync'): Partial<TransferOptions> {
  const options: Partial<TransferOptions> = {
    mode,
    recursive: args.recursive ?? false,
    deleteExtraneous: args.delete ?? false,
    dryRun: args['dry-run'] ?? false,
    include: list(args.include),
    exclude: list(args.exclude),
    filter: list(args.filter),
  };
  const partSize = positiveSize(args['part-size'], 'part-size');
  if (partSize !== undefined) options.partSize = partSize;
  const threshold = positiveSize(args['multipart-threshold'], 'multipart-threshold');
  if (threshold !== undefined) options.multipartThreshold = threshold;
  const concurrency = positiveInteger(args.concurrency, 'concurrency');
  if (concurrency !== undefined) options.concurrency = concurrency;
  const smallObjects = positiveInteger(args['small-objects'], 'small-objects');
  if (smallObjects !== undefined) options.smallObjects = smallObjects;
  if (args['state-dir'] !== undefined) options.stateDir = args['state-dir'];
  return options;
}
