/**
 * Trains the unigram vocabulary with HuggingFace's `tokenizers` (its Unigram trainer: EM with
 * pruning, SentencePiece's algorithm, in Rust) on the visible pre-tokens of the corpus, then keeps
 * the most probable pieces up to the vocabulary size. Encoding and sampling are ours
 * (unigram.ts): the Node binding cannot seed its random choices, and a resumed run must draw the
 * same views as an uninterrupted one.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@strata/cli';
import { preTokenize } from './pretokenize.js';
import { FIRST_PIECE_ID, UnigramTokenizer } from './unigram.js';

const CHILD = new URL('./hf-train-child.mjs', import.meta.url);
/** Scores are rounded so that last-bit differences of the trainer's sums do not change the vocabulary. */
const SCORE_DIGITS = 1e6;

export interface TrainTokenizerOptions {
  /** Ids in all: specials, 256 bytes and the pieces. */
  vocabSize: number;
}

export const DEFAULT_VOCAB_SIZE = 2000;

export async function trainTokenizer(
  texts: Iterable<string>,
  options: TrainTokenizerOptions,
): Promise<UnigramTokenizer> {
  const keep = options.vocabSize - FIRST_PIECE_ID;
  if (!Number.isInteger(options.vocabSize) || keep < 1) {
    throw new UsageError(
      `--vocab-size ${options.vocabSize} leaves no room for pieces: give more than ${FIRST_PIECE_ID}`,
    );
  }
  const lines: string[] = [];
  for (const text of texts) {
    const words = preTokenize(text)
      .filter((token) => !token.raw)
      .map((token) => token.text);
    if (words.length > 0) lines.push(words.join(' '));
  }
  if (lines.length === 0) throw new UsageError('no text to train the tokenizer on');

  const dir = await mkdtemp(join(tmpdir(), 'strata-tokenizer-'));
  try {
    const corpusFile = join(dir, 'pre-tokens.txt');
    const savedFile = join(dir, 'tokenizer.json');
    await writeFile(corpusFile, `${lines.join('\n')}\n`);
    await runTrainer(corpusFile, savedFile);
    const saved = JSON.parse(await readFile(savedFile, 'utf8')) as {
      model?: { vocab?: [string, number][] };
    };
    const vocab = saved.model?.vocab ?? [];
    const pieces = vocab
      .filter(([piece]) => piece.length > 0 && !/\s/u.test(piece))
      .map(([piece, score]): [string, number] => [
        piece,
        Math.round(score * SCORE_DIGITS) / SCORE_DIGITS,
      ])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, keep);
    return new UnigramTokenizer(pieces);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runTrainer(corpusFile: string, savedFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD.pathname, corpusFile, savedFile], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else {
        const last = errors.trim().split('\n').pop() ?? '';
        reject(new Error(`the tokenizer trainer failed (${signal ?? `exit ${code}`}): ${last}`));
      }
    });
  });
}
