import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProgress, UsageError, type Progress } from '@strata/cli';
import { openCorpusDestination } from './destination.js';
import { MANIFEST_FORMAT, MANIFEST_NAME, type CorpusManifest, type CorpusRecord } from './manifest.js';
import { batches, orderedMap } from './ordered-map.js';
import { PackageResolver, SPLITS, splitOfPackage, type Split, type SplitRatios } from './packages.js';
import { toProgram } from './program-form.js';
import { ShardWriter } from './shards.js';
import { walkSourceFiles, type SourceFile } from './walk.js';
import { WorkerPool } from './worker-pool.js';
import type { AugmentedFunction, AugmentItem, AugmentTask, FileExtraction } from './worker-protocol.js';

export interface BuildCorpusOptions {
  /** Directory to read code from. */
  from: string;
  /** Destination directory or URI; the corpus root. */
  out: string;
  /** Augmented variants to precompute per function (0: none). */
  variants: number;
  /** Transform names (already validated) or 'all'. */
  transforms: string[] | 'all';
  seed: number;
  minTokens: number;
  maxTokens: number;
  maxFileBytes: number;
  /** Records per shard. */
  shardSize: number;
  gzip: boolean;
  split: SplitRatios;
  /** Worker threads; default os.availableParallelism(). */
  workers?: number;
  /** Functions per augmentation task sent to a worker. */
  augmentBatchSize?: number;
  /** Show a progress bar on stderr (only at a terminal). */
  progress?: boolean;
  /** Called for each file that is skipped as unparsable, with `file:line:col reason`. */
  onUnparsable?: (message: string) => void;
  /**
   * Runs augmentation batches elsewhere (a job queue) instead of in the local worker threads. Its
   * failures fail the build: a batch it could not run is not silently left without variants.
   */
  augmenter?: (task: AugmentTask) => Promise<AugmentedFunction[]>;
}

export const BUILD_DEFAULTS = {
  variants: 4,
  seed: 0,
  minTokens: 16,
  maxTokens: 1024,
  maxFileBytes: 1024 * 1024,
  shardSize: 10_000,
  gzip: false,
  augmentBatchSize: 32,
} as const;

/** The repository's own node_modules: the default code to build a corpus from. */
export function defaultCorpusSource(): string {
  return fileURLToPath(new URL('../../../../node_modules', import.meta.url));
}

/** Files per extraction task. */
const FILE_BATCH_SIZE = 16;
/** Augmentation batches a build keeps on a job queue at once: room for a hundred workers. */
const QUEUED_BATCHES_IN_FLIGHT = 1024;
/** Longest standalone program offered to other functions as dead code. */
const MAX_DEAD_CODE_SNIPPET = 400;

/** 32-bit seed of the k-th variant of a function: independent of batching, workers and order. */
export function variantSeed(seed: number, id: string, variant: number): number {
  return createHash('sha256').update(`${seed}:${id}:${variant}`).digest().readUInt32BE(0);
}

interface PendingFunction {
  record: CorpusRecord;
  item: AugmentItem;
}

interface PendingBatch {
  functions: PendingFunction[];
  augmented: Promise<AugmentedFunction[]>;
}

class ReasonCounter {
  private readonly counts = new Map<string, number>();
  add(reason: string): void {
    // Reasons embed positions and names; their first 160 characters are enough to group them.
    const key = reason.slice(0, 160);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
  top(limit: number): { reason: string; count: number }[] {
    return [...this.counts]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1))
      .slice(0, limit);
  }
}

async function requireDirectory(directory: string): Promise<void> {
  const info = await stat(directory).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`--from '${directory}' is not a directory: name a directory of code`);
}

/**
 * Builds a ContraCode pretraining corpus: walks the code under `from`, extracts functions and
 * methods in worker threads, filters them by token count, removes duplicates (normalised-AST hash,
 * first occurrence in walk order wins), splits by package, precomputes `variants` augmentations per
 * function in the same worker pool, writes JSONL shards per split and, last, manifest.json.
 * Deterministic for a seed: the same tree gives byte-identical shards whatever the worker count.
 */
export async function buildCorpus(options: BuildCorpusOptions): Promise<CorpusManifest> {
  const started = performance.now();
  const from = path.resolve(options.from);
  await requireDirectory(from);
  const walk = await walkSourceFiles(from, { maxFileBytes: options.maxFileBytes });
  if (walk.files.length === 0) {
    throw new UsageError(
      `no JavaScript or TypeScript files under '${options.from}' (${walk.seen} seen, none readable as code): point --from at a directory of .js/.ts files`,
    );
  }
  const destination = await openCorpusDestination(options.out);

  const workers = Math.max(1, options.workers ?? availableParallelism());
  const augmentBatchSize = options.augmentBatchSize ?? BUILD_DEFAULTS.augmentBatchSize;
  const pool = new WorkerPool(workers);
  const packages = new PackageResolver();
  const writers = Object.fromEntries(
    SPLITS.map((split) => [split, new ShardWriter(split, destination, options)]),
  ) as Record<Split, ShardWriter>;
  const packagesPerSplit: Record<Split, Set<string>> = { train: new Set(), valid: new Set(), test: new Set() };
  const seenHashes = new Set<string>();
  const skipReasons = new ReasonCounter();
  const failureReasons = new ReasonCounter();
  const files = { parsed: 0, skippedMinified: 0, skippedUnparsable: 0, skippedUnreadable: 0 };
  const functions = { found: 0, tooFewTokens: 0, tooManyTokens: 0, duplicatesRemoved: 0, kept: 0 };
  const variants = { written: 0, attempts: 0, unchanged: 0, failed: 0, functionsWithoutVariant: 0 };

  const progress: Progress = createProgress(walk.files.length, {
    label: 'corpus',
    enabled: options.progress === false ? false : undefined,
    format: 'corpus [{bar}] {value}/{total} files | {kept} functions | {augmented} augmented | ETA {eta_formatted}',
  });
  let augmentedCount = 0;

  const writeBatch = async (batch: PendingBatch): Promise<void> => {
    let augmented: AugmentedFunction[];
    try {
      augmented = await batch.augmented;
    } catch (error) {
      if (options.augmenter) throw error;
      // A worker died on this batch: its functions are kept without variants, and counted.
      const reason = `worker failed: ${error instanceof Error ? error.message : String(error)}`;
      augmented = batch.functions.map(({ record, item }) => ({
        id: record.id,
        variants: [],
        unchanged: 0,
        failed: item.seeds.length,
        skipped: [],
        failures: item.seeds.map(() => reason),
      }));
    }
    for (const [index, { record, item }] of batch.functions.entries()) {
      const result = augmented[index];
      if (result) {
        record.variants = result.variants;
        variants.unchanged += result.unchanged;
        variants.failed += result.failed;
        for (const reason of result.skipped) skipReasons.add(reason);
        for (const reason of result.failures) failureReasons.add(reason);
      }
      variants.attempts += item.seeds.length;
      variants.written += record.variants.length;
      if (record.variants.length === 0 && item.seeds.length > 0) variants.functionsWithoutVariant += 1;
      await writers[record.split].add(record);
    }
    augmentedCount += batch.functions.length;
  };

  const dispatchBatch = (pending: PendingFunction[]): PendingBatch => {
    const snippets = pending
      .filter(({ item }) => item.kind === 'function-declaration' || item.kind === 'function-expression' || item.kind === 'arrow')
      .map(({ item }) => toProgram(item.kind, item.source, item.name))
      // A snippet that exports (it reads import.meta) would turn its host into a module.
      .filter((program) => program.length <= MAX_DEAD_CODE_SNIPPET && !program.includes('export {'));
    const task: AugmentTask = {
      kind: 'augment',
      items: pending.map(({ item }) => item),
      transforms: options.transforms,
      deadCodeSnippets: snippets,
    };
    const augment = options.augmenter ?? ((batch: AugmentTask) => pool.run<AugmentedFunction[]>(batch));
    const augmented: Promise<AugmentedFunction[]> =
      options.variants > 0 ? augment(task) : Promise.resolve(pending.map(({ record }) => emptyAugmentation(record.id)));
    augmented.catch(() => undefined); // handled in writeBatch, in order
    return { functions: pending, augmented };
  };

  const queue: PendingBatch[] = [];
  let current: PendingFunction[] = [];
  // Augmentation tasks queued behind the extraction tasks: enough to keep every worker busy (on a
  // job queue, every worker of the cluster).
  const maxQueuedBatches = options.augmenter ? QUEUED_BATCHES_IN_FLIGHT : workers * 3;
  try {
    const extractions = orderedMap(batches(walk.files, FILE_BATCH_SIZE), workers * 2, (fileBatch: SourceFile[]) =>
      pool.run<FileExtraction[]>({
        kind: 'extract',
        files: fileBatch.map(({ path: filePath, relativePath }) => ({ path: filePath, relativePath })),
        minTokens: options.minTokens,
        maxTokens: options.maxTokens,
      }),
    );
    let fileIndex = 0;
    for await (const extractedBatch of extractions) {
      for (const extraction of extractedBatch) {
        const file = walk.files[fileIndex] as SourceFile;
        fileIndex += 1;
        switch (extraction.outcome) {
          case 'parsed':
            files.parsed += 1;
            break;
          case 'minified':
            files.skippedMinified += 1;
            break;
          case 'unreadable':
            files.skippedUnreadable += 1;
            break;
          case 'unparsable':
            files.skippedUnparsable += 1;
            options.onUnparsable?.(`${file.relativePath}:${extraction.reason ?? 'cannot be parsed'}`);
            break;
        }
        functions.found += extraction.found;
        functions.tooFewTokens += extraction.tooShort;
        functions.tooManyTokens += extraction.tooLong;
        if (extraction.functions.length === 0) continue;
        const packageName = packages.packageOf(file.path);
        const split = splitOfPackage(packageName, options.split);
        for (const found of extraction.functions) {
          if (seenHashes.has(found.hash)) {
            functions.duplicatesRemoved += 1;
            continue;
          }
          seenHashes.add(found.hash);
          functions.kept += 1;
          packagesPerSplit[split].add(packageName);
          const id = found.hash.slice(0, 20);
          const record: CorpusRecord = {
            id,
            package: packageName,
            file: file.relativePath,
            line: found.line,
            kind: found.kind,
            split,
            source: found.source,
            variants: [],
            tokens: found.tokens,
          };
          const seeds = Array.from({ length: options.variants }, (_, k) => variantSeed(options.seed, id, k));
          current.push({
            record,
            item: { id, kind: found.kind, ...(found.name ? { name: found.name } : {}), source: found.source, filename: file.path, seeds },
          });
          if (current.length >= augmentBatchSize) {
            queue.push(dispatchBatch(current));
            current = [];
          }
        }
        while (queue.length > maxQueuedBatches) await writeBatch(queue.shift() as PendingBatch);
      }
      progress.update(fileIndex, { kept: functions.kept, augmented: augmentedCount });
    }
    if (current.length > 0) queue.push(dispatchBatch(current));
    progress.stop();
    if (functions.kept === 0) {
      throw new UsageError(
        `no functions between ${options.minTokens} and ${options.maxTokens} tokens in '${options.from}' (${files.parsed} files parsed, ${files.skippedUnparsable} unparsable): point --from at a directory of code or widen --min-tokens/--max-tokens`,
      );
    }
    const augmentProgress = createProgress(augmentedCount + queue.reduce((sum, batch) => sum + batch.functions.length, 0), {
      label: 'augment',
      enabled: options.progress === false || options.variants === 0 ? false : undefined,
      format: 'augment [{bar}] {value}/{total} functions | ETA {eta_formatted}',
    });
    augmentProgress.update(augmentedCount);
    while (queue.length > 0) {
      await writeBatch(queue.shift() as PendingBatch);
      augmentProgress.update(augmentedCount);
    }
    augmentProgress.stop();
    for (const split of SPLITS) await writers[split].flush();
  } catch (error) {
    await destination.close();
    throw error;
  } finally {
    progress.stop();
    await pool.close();
  }
  const busy = pool.busyMs;

  const withinLimits = functions.found - functions.tooFewTokens - functions.tooManyTokens;
  const manifest: CorpusManifest = {
    format: MANIFEST_FORMAT,
    version: 1,
    options: {
      from: options.from,
      variants: options.variants,
      transforms: options.transforms,
      seed: options.seed,
      minTokens: options.minTokens,
      maxTokens: options.maxTokens,
      maxFileBytes: options.maxFileBytes,
      shardSize: options.shardSize,
      gzip: options.gzip,
      split: options.split,
      augmentBatchSize,
    },
    files: {
      seen: walk.seen,
      parsed: files.parsed,
      skippedDeclaration: walk.skippedDeclaration,
      skippedTooLarge: walk.skippedTooLarge,
      skippedAlias: walk.skippedAlias,
      skippedMinified: files.skippedMinified,
      skippedUnparsable: files.skippedUnparsable,
      skippedUnreadable: files.skippedUnreadable,
    },
    functions: {
      ...functions,
      dedupRate: withinLimits === 0 ? 0 : functions.duplicatesRemoved / withinLimits,
    },
    variants: { ...variants, skipReasons: skipReasons.top(10), failureReasons: failureReasons.top(10) },
    splits: Object.fromEntries(
      SPLITS.map((split) => [
        split,
        { functions: writers[split].records, packages: packagesPerSplit[split].size, shards: writers[split].written.length },
      ]),
    ) as CorpusManifest['splits'],
    shards: SPLITS.flatMap((split) => writers[split].written),
    run: {
      workers,
      seconds: (performance.now() - started) / 1000,
      extractWorkerSeconds: busy.extract / 1000,
      augmentWorkerSeconds: busy.augment / 1000,
    },
  };
  try {
    await destination.write(MANIFEST_NAME, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  } finally {
    await destination.close();
  }
  return manifest;
}

function emptyAugmentation(id: string): AugmentedFunction {
  return { id, variants: [], unchanged: 0, failed: 0, skipped: [], failures: [] };
}
