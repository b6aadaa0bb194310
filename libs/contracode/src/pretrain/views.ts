/**
 * Two views of a function for MoCo (ContraCode's "contrastive" program mode): two different
 * entries of [source, ...precomputed variants], each spelled by the tokenizer, with a sampled
 * segmentation when subword regularisation is on. Sequences are <s> ids </s>, cut to length and
 * padded.
 */
import type { CorpusRecord } from '../corpus/index.js';
import {
  BOS_ID,
  EOS_ID,
  PAD_ID,
  type UniformSource,
  type UnigramTokenizer,
} from '../tokenizer/index.js';

export function alternativesOf(record: Pick<CorpusRecord, 'source' | 'variants'>): string[] {
  return [record.source, ...record.variants];
}

/** Two different indices below `count` (the same one twice when there is only one). */
export function pickTwo(count: number, rng: UniformSource): [number, number] {
  const first = Math.floor(rng.nextFloat() * count);
  if (count < 2) return [first, first];
  const second = (first + 1 + Math.floor(rng.nextFloat() * (count - 1))) % count;
  return [first, second];
}

export interface SpellOptions {
  /** Subword-regularisation alpha; 0 spells with the best segmentation. */
  alpha: number;
  rng: UniformSource;
}

/** Writes `<s> ids </s> <pad>...` of one text into `row` (its length is the sequence length). */
export function spellInto(
  row: Int32Array,
  tokenizer: UnigramTokenizer,
  text: string,
  options?: SpellOptions,
): void {
  const ids =
    options && options.alpha > 0
      ? tokenizer.encode(text, { sample: { alpha: options.alpha, rng: options.rng } })
      : tokenizer.encode(text);
  const body = Math.min(ids.length, row.length - 2);
  row.fill(PAD_ID);
  row[0] = BOS_ID;
  for (let i = 0; i < body; i += 1) row[i + 1] = ids[i]!;
  row[body + 1] = EOS_ID;
}

/** Rows [texts.length, length] of best-segmentation sequences (evaluation, embedding). */
export function spellRows(
  tokenizer: UnigramTokenizer,
  texts: readonly string[],
  length: number,
): Int32Array {
  const rows = new Int32Array(texts.length * length);
  texts.forEach((text, index) =>
    spellInto(rows.subarray(index * length, (index + 1) * length), tokenizer, text),
  );
  return rows;
}
