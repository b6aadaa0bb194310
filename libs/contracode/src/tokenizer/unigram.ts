/**
 * A unigram-LM subword tokenizer (Kudo 2018, as in SentencePiece): each piece has a log
 * probability, a text is spelled by the most probable segmentation (Viterbi), and subword
 * regularisation samples a segmentation from the lattice with probabilities sharpened or
 * flattened by `alpha` (forward filtering, backward sampling) from a seeded generator, so the
 * sampled views of a training run are reproducible.
 *
 * Ids: 0 <pad>, 1 <s>, 2 </s>, 3 <mask>, 4..259 the 256 bytes (a character with no piece is spelled
 * by the UTF-8 bytes of its source spelling: any text round-trips), then the pieces.
 */
import { z } from 'zod';
import { UsageError } from '@strata/cli';
import { fromVisible, preTokenize } from './pretokenize.js';

export const PAD_ID = 0;
export const BOS_ID = 1;
export const EOS_ID = 2;
export const MASK_ID = 3;
export const SPECIAL_TOKENS = ['<pad>', '<s>', '</s>', '<mask>'] as const;
const BYTE_BASE = SPECIAL_TOKENS.length;
export const FIRST_PIECE_ID = BYTE_BASE + 256;
/** Below the least probable piece: bytes are the spelling of last resort. */
const BYTE_PENALTY = 10;
const CACHE_LIMIT = 200_000;

export const TOKENIZER_FORMAT = 'strata-unigram/1';

const tokenizerSchema = z.object({
  format: z.literal(TOKENIZER_FORMAT),
  pieces: z.array(z.tuple([z.string().min(1), z.number()])),
});
export type TokenizerJson = z.infer<typeof tokenizerSchema>;

/** Uniform numbers in [0, 1): the trainer's seeded generator. */
export interface UniformSource {
  nextFloat(): number;
}

export interface EncodeOptions {
  /** Subword regularisation: sample a segmentation with P(x)^alpha instead of the best one. */
  sample?: { alpha: number; rng: UniformSource };
}

interface Edge {
  start: number;
  /** A piece id, or -1: the character at `start` spelled in bytes. */
  id: number;
  score: number;
}

const encoder = new TextEncoder();
const utf8 = new TextDecoder('utf-8', { fatal: false });

export class UnigramTokenizer {
  private readonly ids = new Map<string, number>();
  private readonly scores: Float64Array;
  private readonly maxLength: number;
  private readonly byteScore: number;
  private readonly cache = new Map<string, number[]>();

  constructor(readonly pieces: readonly (readonly [string, number])[]) {
    this.scores = new Float64Array(pieces.length);
    let maxLength = 1;
    let minScore = 0;
    pieces.forEach(([piece, score], index) => {
      if (this.ids.has(piece)) throw new Error(`the tokenizer lists piece '${piece}' twice`);
      this.ids.set(piece, FIRST_PIECE_ID + index);
      this.scores[index] = score;
      maxLength = Math.max(maxLength, piece.length);
      minScore = Math.min(minScore, score);
    });
    this.maxLength = maxLength;
    this.byteScore = minScore - BYTE_PENALTY;
  }

  static fromJSON(value: unknown): UnigramTokenizer {
    const parsed = tokenizerSchema.safeParse(value);
    if (!parsed.success) {
      throw new UsageError(
        `the saved tokenizer is not a ${TOKENIZER_FORMAT} tokenizer (${parsed.error.issues[0]?.message ?? 'invalid'})`,
      );
    }
    return new UnigramTokenizer(parsed.data.pieces);
  }

  toJSON(): TokenizerJson {
    return {
      format: TOKENIZER_FORMAT,
      pieces: this.pieces.map(([piece, score]) => [piece, score]),
    };
  }

  get vocabSize(): number {
    return FIRST_PIECE_ID + this.pieces.length;
  }

  /** Token ids of a text (no <s>/</s>): the best segmentation, or a sampled one. */
  encode(text: string, options: EncodeOptions = {}): number[] {
    const ids: number[] = [];
    for (const token of preTokenize(text)) {
      if (token.raw) pushBytes(ids, token.text);
      else if (options.sample) ids.push(...this.sampleSegmentation(token.text, options.sample));
      else ids.push(...this.bestSegmentation(token.text));
    }
    return ids;
  }

  /** The text of ids; special tokens are skipped. */
  decode(ids: readonly number[]): string {
    let text = '';
    let bytes: number[] = [];
    const flush = (): void => {
      if (bytes.length > 0) text += utf8.decode(Uint8Array.from(bytes));
      bytes = [];
    };
    for (const id of ids) {
      if (id >= BYTE_BASE && id < FIRST_PIECE_ID) {
        bytes.push(id - BYTE_BASE);
        continue;
      }
      flush();
      const piece = this.pieces[id - FIRST_PIECE_ID];
      if (piece) text += fromVisible(piece[0]);
    }
    flush();
    return text;
  }

  /** The spelling of one id, for reports. */
  idToPiece(id: number): string {
    if (id < BYTE_BASE) return SPECIAL_TOKENS[id] ?? `<${id}>`;
    if (id < FIRST_PIECE_ID) return `<0x${(id - BYTE_BASE).toString(16).padStart(2, '0')}>`;
    return this.pieces[id - FIRST_PIECE_ID]?.[0] ?? `<${id}>`;
  }

  private bestSegmentation(text: string): number[] {
    const cached = this.cache.get(text);
    if (cached) return cached;
    const n = text.length;
    const best = new Float64Array(n + 1).fill(-Infinity);
    const back: (Edge | undefined)[] = new Array(n + 1);
    best[0] = 0;
    for (let end = 1; end <= n; end += 1) {
      if (isInsidePair(text, end)) continue;
      for (const edge of this.edgesEndingAt(text, end)) {
        const score = best[edge.start]! + edge.score;
        if (score > best[end]!) {
          best[end] = score;
          back[end] = edge;
        }
      }
    }
    const ids = this.spell(text, back);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(text, ids);
    return ids;
  }

  private sampleSegmentation(
    text: string,
    sample: { alpha: number; rng: UniformSource },
  ): number[] {
    const n = text.length;
    const forward = new Float64Array(n + 1).fill(-Infinity);
    forward[0] = 0;
    for (let end = 1; end <= n; end += 1) {
      if (isInsidePair(text, end)) continue;
      let total = -Infinity;
      for (const edge of this.edgesEndingAt(text, end))
        total = logAddExp(total, forward[edge.start]! + sample.alpha * edge.score);
      forward[end] = total;
    }
    const back: (Edge | undefined)[] = new Array(n + 1);
    let end = n;
    while (end > 0) {
      const edges = this.edgesEndingAt(text, end);
      let draw = sample.rng.nextFloat();
      let chosen = edges[edges.length - 1]!;
      for (const edge of edges) {
        draw -= Math.exp(forward[edge.start]! + sample.alpha * edge.score - forward[end]!);
        if (draw < 0) {
          chosen = edge;
          break;
        }
      }
      back[end] = chosen;
      end = chosen.start;
    }
    return this.spell(text, back);
  }

  /** Every piece (and the byte fallback) that ends at `end`, shortest first. */
  private edgesEndingAt(text: string, end: number): Edge[] {
    const edges: Edge[] = [];
    const charStart = isInsidePair(text, end - 1) ? end - 2 : end - 1;
    let charIsPiece = false;
    for (let length = 1; length <= this.maxLength && length <= end; length += 1) {
      const start = end - length;
      if (isInsidePair(text, start)) continue;
      const id = this.ids.get(text.slice(start, end));
      if (id === undefined) continue;
      if (start === charStart) charIsPiece = true;
      edges.push({ start, id, score: this.scores[id - FIRST_PIECE_ID]! });
    }
    if (!charIsPiece) edges.unshift({ start: charStart, id: -1, score: this.byteScore });
    return edges;
  }

  private spell(text: string, back: (Edge | undefined)[]): number[] {
    const reversed: number[][] = [];
    let end = text.length;
    while (end > 0) {
      const edge = back[end]!;
      if (edge.id >= 0) reversed.push([edge.id]);
      else {
        const bytes: number[] = [];
        pushBytes(bytes, fromVisible(text.slice(edge.start, end)));
        reversed.push(bytes);
      }
      end = edge.start;
    }
    return reversed.reverse().flat();
  }
}

function pushBytes(ids: number[], text: string): void {
  for (const byte of encoder.encode(text)) ids.push(BYTE_BASE + byte);
}

/** A boundary inside a surrogate pair, where no token may start or end. */
function isInsidePair(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return false;
  const code = text.charCodeAt(index);
  const before = text.charCodeAt(index - 1);
  return code >= 0xdc00 && code <= 0xdfff && before >= 0xd800 && before <= 0xdbff;
}

function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const high = Math.max(a, b);
  return high + Math.log(Math.exp(a - high) + Math.exp(b - high));
}
