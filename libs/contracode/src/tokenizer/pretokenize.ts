/**
 * Code text into pre-tokens, the units a subword never crosses: a word, number or run of
 * punctuation with the spaces before it, a line break with the next line's indentation, or a run
 * of spaces. Whitespace is made visible (SentencePiece's '▁' for a space), so the subword
 * vocabulary learns indentation and line breaks like any other text and decoding restores them.
 *
 * A literal visible-whitespace symbol in the source would decode as whitespace: such a character
 * becomes a raw pre-token, always spelled with byte tokens.
 */

const VISIBLE: ReadonlyMap<string, string> = new Map([
  [' ', '\u2581'],
  ['\n', '\u21b5'],
  ['\t', '\u21e5'],
  ['\r', '\u240d'],
]);
const INVISIBLE: ReadonlyMap<string, string> = new Map([...VISIBLE].map(([a, b]) => [b, a]));

const PIECES =
  /[ \t]*(?:[\p{L}\p{Nl}_$][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}_$]*|\p{Nd}[\p{L}\p{Nd}_.]*|[^\s\p{L}\p{Nd}_$]+)|(?:\r?\n)+[ \t]*|[ \t]+|[\s\S]/gu;
const RESERVED = /[\u2581\u21b5\u21e5\u240d]/u;
const RESERVED_SPLIT = /([\u2581\u21b5\u21e5\u240d])/u;

export interface PreToken {
  /** The visible spelling (whitespace replaced by its symbol). */
  text: string;
  /** A literal reserved symbol of the source: spelled with byte tokens only. */
  raw: boolean;
}

export function preTokenize(source: string): PreToken[] {
  const tokens: PreToken[] = [];
  for (const match of source.matchAll(PIECES)) {
    const piece = match[0];
    if (!RESERVED.test(piece)) {
      tokens.push({ text: toVisible(piece), raw: false });
      continue;
    }
    for (const part of piece.split(RESERVED_SPLIT)) {
      if (part === '') continue;
      tokens.push(
        RESERVED.test(part) ? { text: part, raw: true } : { text: toVisible(part), raw: false },
      );
    }
  }
  return tokens;
}

export function toVisible(text: string): string {
  let out = '';
  for (const char of text) out += VISIBLE.get(char) ?? char;
  return out;
}

export function fromVisible(text: string): string {
  let out = '';
  for (const char of text) out += INVISIBLE.get(char) ?? char;
  return out;
}
