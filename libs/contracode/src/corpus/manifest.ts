import { z } from 'zod';

export const MANIFEST_NAME = 'manifest.json';
export const MANIFEST_FORMAT = 'strata.contracode.corpus';

const splitCounts = z.object({ functions: z.number(), packages: z.number(), shards: z.number() });

const shardEntry = z.object({
  name: z.string(),
  split: z.enum(['train', 'valid', 'test']),
  lines: z.number(),
  bytes: z.number(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** The manifest is written last: a destination without one holds no finished corpus. */
export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(1),
  options: z.object({
    from: z.string(),
    variants: z.number(),
    transforms: z.union([z.literal('all'), z.array(z.string())]),
    seed: z.number(),
    minTokens: z.number(),
    maxTokens: z.number(),
    maxFileBytes: z.number(),
    shardSize: z.number(),
    gzip: z.boolean(),
    split: z.object({ train: z.number(), valid: z.number(), test: z.number() }),
    augmentBatchSize: z.number(),
  }),
  files: z.object({
    seen: z.number(),
    parsed: z.number(),
    skippedDeclaration: z.number(),
    skippedTooLarge: z.number(),
    skippedAlias: z.number(),
    skippedMinified: z.number(),
    skippedUnparsable: z.number(),
    skippedUnreadable: z.number(),
  }),
  functions: z.object({
    found: z.number(),
    tooFewTokens: z.number(),
    tooManyTokens: z.number(),
    duplicatesRemoved: z.number(),
    /** duplicatesRemoved / functions within the token limits. */
    dedupRate: z.number(),
    kept: z.number(),
  }),
  variants: z.object({
    written: z.number(),
    attempts: z.number(),
    unchanged: z.number(),
    failed: z.number(),
    functionsWithoutVariant: z.number(),
    /** The most frequent reasons transforms skipped a function (unsafe input), with counts. */
    skipReasons: z.array(z.object({ reason: z.string(), count: z.number() })),
    failureReasons: z.array(z.object({ reason: z.string(), count: z.number() })),
  }),
  splits: z.object({ train: splitCounts, valid: splitCounts, test: splitCounts }),
  shards: z.array(shardEntry),
  /** Timing of the run: wall seconds, and seconds the workers spent extracting and augmenting (summed). */
  run: z.object({
    workers: z.number(),
    seconds: z.number(),
    extractWorkerSeconds: z.number(),
    augmentWorkerSeconds: z.number(),
  }),
});

export type CorpusManifest = z.infer<typeof manifestSchema>;
export type ShardEntry = z.infer<typeof shardEntry>;

/** One line of a shard. */
export interface CorpusRecord {
  /** The first 20 hex digits of the normalised-AST hash: unique in the corpus, stable across runs. */
  id: string;
  package: string;
  /** Relative to the directory the corpus was built from. */
  file: string;
  line: number;
  kind: string;
  split: 'train' | 'valid' | 'test';
  source: string;
  variants: string[];
  tokens: number;
}
