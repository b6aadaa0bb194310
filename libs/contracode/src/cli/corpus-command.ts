import type { Argv, CommandModule } from 'yargs';
import { createLogger, FailureError, parseSize, printJson, printLine, UsageError, type GlobalOptions } from '@strata/cli';
import {
  BUILD_DEFAULTS,
  buildCorpus,
  defaultCorpusSource,
  parseSplitRatios,
  readCorpusStats,
  type CorpusManifest,
} from '../corpus/index.js';
import { transformNames } from '../transforms/index.js';

interface BuildArgs extends GlobalOptions {
  from: string;
  out: string;
  variants: number;
  transforms: string;
  seed: number;
  'min-tokens': number;
  'max-tokens': number;
  'max-file-size': string;
  'shard-size': number;
  gzip: boolean;
  split: string;
  workers?: number;
  queue?: string;
  'job-store'?: string;
}

interface StatsArgs extends GlobalOptions {
  uri: string;
  verify: boolean;
}

function wholeNumber(value: number, flag: string, minimum: number): number {
  if (!Number.isInteger(value) || value < minimum) throw new UsageError(`${flag} ${value} is not a whole number >= ${minimum}`);
  return value;
}

const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;

function printSummary(manifest: CorpusManifest, uri: string): void {
  const { files, functions, variants, splits, run } = manifest;
  const skipped = files.seen - files.parsed;
  printLine(`corpus ${uri}`);
  printLine(
    `files      ${files.seen} seen, ${files.parsed} parsed, ${skipped} skipped (${files.skippedUnparsable} unparsable, ${files.skippedMinified} minified, ${files.skippedTooLarge} too large, ${files.skippedDeclaration} .d.ts, ${files.skippedAlias} linked twice, ${files.skippedUnreadable} unreadable)`,
  );
  printLine(
    `functions  ${functions.found} found, ${functions.tooFewTokens} under ${manifest.options.minTokens} tokens, ${functions.tooManyTokens} over ${manifest.options.maxTokens}, ${functions.duplicatesRemoved} duplicates (${percent(functions.dedupRate)}), ${functions.kept} kept`,
  );
  printLine(
    `variants   ${variants.written} written of ${variants.attempts} attempts (${variants.unchanged} unchanged, ${variants.failed} failed), ${variants.functionsWithoutVariant} functions without one`,
  );
  for (const split of ['train', 'valid', 'test'] as const) {
    const counts = splits[split];
    printLine(`${split.padEnd(10)} ${counts.functions} functions from ${counts.packages} packages in ${counts.shards} shards`);
  }
  printLine(`run        ${run.seconds.toFixed(1)} s on ${run.workers} workers`);
}

/** The job queue a build augments on; `finish` turns any failed job into one summary line. */
async function openCorpusQueue(url: string, jobStore: string) {
  const [{ JobClient, parseQueueUrl }, { queueAugmenter }] = await Promise.all([
    import('@strata/queue'),
    import('../jobs/queue-augmenter.js'),
  ]);
  parseQueueUrl(url);
  const client = await JobClient.open({ queue: url, jobStore });
  return {
    augmenter: queueAugmenter(client),
    async finish(build: Promise<CorpusManifest>): Promise<CorpusManifest> {
      try {
        return await build;
      } catch (error) {
        await client.settle(); // throws the summary when jobs failed
        throw error;
      } finally {
        await client.close();
      }
    },
  };
}

const buildCommand: CommandModule<GlobalOptions, BuildArgs> = {
  command: 'build',
  describe: 'Build a pretraining corpus of functions and augmented variants from code on disk',
  builder: (yargs) =>
    yargs
      .option('from', { type: 'string', default: defaultCorpusSource(), describe: 'Directory of code (default: the repository node_modules)' })
      .option('out', { type: 'string', demandOption: true, describe: 'Destination directory or URI' })
      .option('variants', { type: 'number', default: BUILD_DEFAULTS.variants, describe: 'Augmented variants per function (K)' })
      .option('transforms', { type: 'string', default: 'all', describe: "Transforms for the variants: comma list or 'all'" })
      .option('seed', { type: 'number', default: BUILD_DEFAULTS.seed, describe: 'Seed of the augmentations' })
      .option('min-tokens', { type: 'number', default: BUILD_DEFAULTS.minTokens, describe: 'Drop functions with fewer Babel tokens' })
      .option('max-tokens', { type: 'number', default: BUILD_DEFAULTS.maxTokens, describe: 'Drop functions with more Babel tokens' })
      .option('max-file-size', { type: 'string', default: '1MiB', describe: 'Skip files larger than this' })
      .option('shard-size', { type: 'number', default: BUILD_DEFAULTS.shardSize, describe: 'Functions per JSONL shard' })
      .option('gzip', { type: 'boolean', default: BUILD_DEFAULTS.gzip, describe: 'Compress shards (.jsonl.gz)' })
      .option('split', { type: 'string', default: '90/5/5', describe: 'train/valid/test percentages of packages' })
      .option('workers', { type: 'number', describe: 'Worker threads (default: available parallelism)' })
      .option('queue', { type: 'string', describe: "Augment on 'strata worker's of this Redis job queue (redis://HOST:PORT) instead of locally" })
      .option('job-store', {
        type: 'string',
        describe: "With --queue: where jobs' inputs and results go, a URI every worker reaches (default: --out + '.jobs')",
      }),
  handler: async (argv) => {
    const logger = createLogger(argv);
    const minTokens = wholeNumber(argv['min-tokens'], '--min-tokens', 0);
    const maxTokens = wholeNumber(argv['max-tokens'], '--max-tokens', 1);
    if (maxTokens < minTokens) throw new UsageError(`--max-tokens ${maxTokens} is below --min-tokens ${minTokens}`);
    const queue = argv.queue === undefined ? undefined : await openCorpusQueue(argv.queue, argv['job-store'] ?? `${argv.out.replace(/\/+$/, '')}.jobs`);
    const build = buildCorpus({
      from: argv.from,
      out: argv.out,
      variants: wholeNumber(argv.variants, '--variants', 0),
      transforms: transformNames(argv.transforms),
      seed: wholeNumber(argv.seed, '--seed', 0),
      minTokens,
      maxTokens,
      maxFileBytes: parseSize(argv['max-file-size'], '--max-file-size'),
      shardSize: wholeNumber(argv['shard-size'], '--shard-size', 1),
      gzip: argv.gzip,
      split: parseSplitRatios(argv.split),
      ...(argv.workers === undefined ? {} : { workers: wholeNumber(argv.workers, '--workers', 1) }),
      progress: !argv.json,
      onUnparsable: (message) => logger.verbose(`skipped unparsable ${message}`),
      ...(queue ? { augmenter: queue.augmenter } : {}),
    });
    const manifest = queue ? await queue.finish(build) : await build;
    if (argv.json) printJson({ uri: argv.out, manifest });
    else printSummary(manifest, argv.out);
  },
};

const statsCommand: CommandModule<GlobalOptions, StatsArgs> = {
  command: 'stats <uri>',
  describe: "Print a corpus' counts from its manifest; --verify checks every shard's sha256 and line count",
  builder: (yargs) =>
    yargs
      .positional('uri', { type: 'string', demandOption: true, describe: 'The corpus directory or URI' })
      .option('verify', { type: 'boolean', default: false, describe: 'Read every shard and check it against the manifest' }),
  handler: async (argv) => {
    const stats = await readCorpusStats(argv.uri, { verify: argv.verify });
    if (argv.json) printJson(stats);
    else {
      printSummary(stats.manifest, stats.uri);
      const lines = stats.manifest.shards.reduce((sum, shard) => sum + shard.lines, 0);
      printLine(`shards     ${stats.manifest.shards.length} (${lines} lines)`);
      if (stats.verification) {
        const bad = stats.verification.shards.filter((shard) => !shard.ok);
        printLine(`verify     ${stats.verification.shards.length - bad.length}/${stats.verification.shards.length} shards match the manifest`);
        for (const shard of bad) printLine(`  ${shard.name}: ${shard.problem ?? 'mismatch'}`);
      }
    }
    const failed = stats.verification?.shards.filter((shard) => !shard.ok) ?? [];
    if (failed.length > 0) {
      throw new FailureError(
        `${failed.length} of ${stats.manifest.shards.length} shards do not match the manifest (first: ${failed[0]?.name} ${failed[0]?.problem ?? ''}); rebuild the corpus`,
      );
    }
  },
};

export const corpusCommand: CommandModule<GlobalOptions, GlobalOptions> = {
  command: 'corpus <command>',
  describe: 'Build and inspect ContraCode pretraining corpora',
  builder: (yargs: Argv<GlobalOptions>) =>
    yargs.command(buildCommand).command(statsCommand).demandCommand(1, 'Name a corpus command: build or stats'),
  handler: () => {},
};
