/**
 * Sets of node indices as non-negative integers below 2^53 (bit i = node i). JS bitwise operators
 * see only 32 bits, so a mask is handled as two words: the low 32 bits (`m >>> 0`, which is m mod 2^32
 * for any safe integer) and the high bits (`m / 2^32`, truncated). Masks below 2^32 — every graph of
 * at most 32 nodes — take one comparison and then the plain 32-bit operation, so small graphs run as
 * fast as with int32 masks; the two-word path only costs on larger graphs.
 */
const WORD = 2 ** 32;

/** Bits a mask can hold exactly (Number.MAX_SAFE_INTEGER is 2^53 − 1). */
export const MASK_BITS = 53;

const POWERS = Float64Array.from({ length: MASK_BITS }, (_, i) => 2 ** i);

/** The set {i}. */
export const bit = (i: number): number => POWERS[i] as number;

const high = (m: number): number => (m / WORD) >>> 0;

/** 1 when i ∈ m, else 0. */
export const has = (m: number, i: number): number =>
  i < 32 ? (m >>> i) & 1 : (high(m) >>> (i - 32)) & 1;

export const or = (a: number, b: number): number =>
  a < WORD && b < WORD ? (a | b) >>> 0 : ((high(a) | high(b)) >>> 0) * WORD + ((a | b) >>> 0);

export const and = (a: number, b: number): number =>
  a < WORD && b < WORD ? (a & b) >>> 0 : ((high(a) & high(b)) >>> 0) * WORD + ((a & b) >>> 0);

/** a \ b. */
export const andNot = (a: number, b: number): number =>
  a < WORD ? (a & ~b) >>> 0 : ((high(a) & ~high(b)) >>> 0) * WORD + ((a & ~b) >>> 0);

/** Σ values[i] over i ∈ m. */
export function sumOver(m: number, values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0, w = m >>> 0; w !== 0; i++, w >>>= 1) if (w & 1) total += values[i] as number;
  if (m >= WORD)
    for (let i = 32, w = high(m); w !== 0; i++, w >>>= 1) if (w & 1) total += values[i] as number;
  return total;
}

/** The members of m, ascending. */
export function bitsOf(m: number): number[] {
  const bits: number[] = [];
  for (let i = 0, w = m >>> 0; w !== 0; i++, w >>>= 1) if (w & 1) bits.push(i);
  if (m >= WORD) for (let i = 32, w = high(m); w !== 0; i++, w >>>= 1) if (w & 1) bits.push(i);
  return bits;
}

/** Writes the members of m, ascending, into `into` and returns how many there are (no allocation). */
export function membersInto(m: number, into: Int32Array): number {
  let count = 0;
  for (let i = 0, w = m >>> 0; w !== 0; i++, w >>>= 1) if (w & 1) into[count++] = i;
  if (m >= WORD) for (let i = 32, w = high(m); w !== 0; i++, w >>>= 1) if (w & 1) into[count++] = i;
  return count;
}
