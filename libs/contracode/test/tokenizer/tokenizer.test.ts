import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { SeededRng } from '@strata/train';
import {
  FIRST_PIECE_ID,
  UnigramTokenizer,
  preTokenize,
  trainTokenizer,
} from '../../src/tokenizer/index.js';

const PROGRAMS = join(dirname(fileURLToPath(import.meta.url)), '..', 'programs');
const texts = readdirSync(PROGRAMS)
  .sort()
  .map((name) => readFileSync(join(PROGRAMS, name), 'utf8'));
const trainTexts = texts.filter((_, index) => index % 4 !== 0);
const heldOut = texts.filter((_, index) => index % 4 === 0);

describe('unigram tokenizer', () => {
  let tokenizer: UnigramTokenizer;
  beforeAll(async () => {
    tokenizer = await trainTokenizer(trainTexts, { vocabSize: 1200 });
  }, 60_000);

  it('trains the same vocabulary twice from the same text', async () => {
    const again = await trainTokenizer(trainTexts, { vocabSize: 1200 });
    expect(again.toJSON()).toEqual(tokenizer.toJSON());
    expect(tokenizer.vocabSize).toBeLessThanOrEqual(1200);
    expect(tokenizer.vocabSize).toBeGreaterThan(FIRST_PIECE_ID + 200);
  }, 60_000);

  it('round-trips held-out code, with best and sampled segmentations', () => {
    const rng = SeededRng.fromSeed(5);
    for (const text of heldOut) {
      expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
      expect(tokenizer.decode(tokenizer.encode(text, { sample: { alpha: 0.1, rng } }))).toBe(text);
    }
  });

  it('round-trips any string, including the symbols it uses for whitespace', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', ' ', '\n', '\t', '\r', '\u2581', '\u21b5', '☃', '𝒳', '{', '0'),
        }),
        fc.string({ unit: 'binary' }),
        (made, random) => {
          for (const text of [made, random])
            expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same ids for the same text, also after a save and load', () => {
    const loaded = UnigramTokenizer.fromJSON(JSON.parse(JSON.stringify(tokenizer.toJSON())));
    for (const text of heldOut) expect(loaded.encode(text)).toEqual(tokenizer.encode(text));
  });

  it('samples reproducibly from a seed, and differently from the best segmentation', () => {
    const text = heldOut[0]!;
    const draw = (seed: number): number[] =>
      tokenizer.encode(text, { sample: { alpha: 0.1, rng: SeededRng.fromSeed(seed) } });
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(1)).not.toEqual(tokenizer.encode(text));
    // A large alpha concentrates on the best segmentation.
    const sharp = tokenizer.encode(text, { sample: { alpha: 50, rng: SeededRng.fromSeed(1) } });
    expect(sharp).toEqual(tokenizer.encode(text));
  });

  it('uses learnt pieces: held-out code takes about half as many tokens as characters', () => {
    const chars = heldOut.reduce((sum, text) => sum + text.length, 0);
    const ids = heldOut.reduce((sum, text) => sum + tokenizer.encode(text).length, 0);
    expect(ids / chars).toBeLessThan(0.6);
  });

  it('splits code into pre-tokens that keep leading spaces and indentation', () => {
    expect(preTokenize('if (a) {\n  return b;\n}').map((t) => t.text)).toEqual([
      'if',
      '\u2581(',
      'a',
      ')',
      '\u2581{',
      '\u21b5\u2581\u2581',
      'return',
      '\u2581b',
      ';',
      '\u21b5',
      '}',
    ]);
  });

  it('refuses a saved tokenizer of another format with a usage error', () => {
    expect(() => UnigramTokenizer.fromJSON({ format: 'bpe', pieces: [] })).toThrow(
      /strata-unigram\/1/,
    );
  });
});
