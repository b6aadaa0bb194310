/**
 * The representation check of ContraCode: for each held-out function, is its own transformed
 * variant the nearest (cosine) among the variants of the function and of `pool − 1` others?
 * Top-1 accuracy over pools of `pool` functions drawn in a seeded order.
 */
import { SeededRng } from '@strata/train';
import type { CorpusRecord } from '../corpus/index.js';
import { REPRESENTATION_WIDTH, embedRows, type CodeEncoder } from '../models/index.js';
import type { UnigramTokenizer } from '../tokenizer/index.js';
import { spellRows } from './views.js';

export interface RetrievalResult {
  top1: number;
  queries: number;
  /** Candidates per query: its own variant and pool − 1 others. */
  pool: number;
  pools: number;
}

/** Fraction of rows i whose similarity to key i beats (strictly) every other key of the pool. */
export function top1Accuracy(queries: Float32Array, keys: Float32Array, dim: number): number {
  const count = queries.length / dim;
  let correct = 0;
  for (let i = 0; i < count; i += 1) {
    const q = queries.subarray(i * dim, (i + 1) * dim);
    const own = dot(q, keys.subarray(i * dim, (i + 1) * dim));
    let best = true;
    for (let j = 0; j < count && best; j += 1) {
      if (j !== i && dot(q, keys.subarray(j * dim, (j + 1) * dim)) >= own) best = false;
    }
    if (best) correct += 1;
  }
  return count === 0 ? 0 : correct / count;
}

export function retrievalAccuracy(
  encoder: CodeEncoder,
  tokenizer: UnigramTokenizer,
  records: readonly CorpusRecord[],
  options: { pool: number; seed: number; maxPools?: number },
): RetrievalResult {
  const withVariant = records.filter((record) => record.variants.length > 0);
  const order = SeededRng.fromSeed(options.seed).permutation(withVariant.length);
  const pool = Math.min(options.pool, withVariant.length);
  const pools = Math.min(
    Math.floor(withVariant.length / Math.max(pool, 1)),
    options.maxPools ?? Infinity,
  );
  const length = encoder.config.sequenceLength;
  let correct = 0;
  for (let p = 0; p < pools; p += 1) {
    const members = order.slice(p * pool, (p + 1) * pool).map((index) => withVariant[index]!);
    const queries = embedRows(
      encoder,
      spellRows(
        tokenizer,
        members.map((r) => r.source),
        length,
      ),
    );
    const keys = embedRows(
      encoder,
      spellRows(
        tokenizer,
        members.map((r) => r.variants[0]!),
        length,
      ),
    );
    correct += top1Accuracy(queries, keys, REPRESENTATION_WIDTH) * members.length;
  }
  const queries = pools * pool;
  return { top1: queries === 0 ? 0 : correct / queries, queries, pool, pools };
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * b[i]!;
  return sum;
}
