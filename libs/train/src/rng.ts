/**
 * A small seeded PRNG whose whole state is four 32-bit words (sfc32, from PractRand), so it can
 * be stored in a checkpoint and restored exactly: dropout masks after a resume are the masks an
 * uninterrupted run would have drawn.
 */
export type RngState = [number, number, number, number];

export class SeededRng {
  private s: Uint32Array;

  private constructor(state: RngState) {
    this.s = Uint32Array.from(state);
  }

  /** Seeds the four words from one integer with splitmix32, then discards a few outputs. */
  static fromSeed(seed: number): SeededRng {
    let x = seed >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    const rng = new SeededRng([next(), next(), next(), next()]);
    for (let i = 0; i < 12; i += 1) rng.nextUint32();
    return rng;
  }

  static fromState(state: RngState): SeededRng {
    return new SeededRng(state);
  }

  get state(): RngState {
    const [a = 0, b = 0, c = 0, d = 0] = this.s;
    return [a, b, c, d];
  }

  nextUint32(): number {
    const s = this.s;
    const a = s[0]!;
    const b = s[1]!;
    const c = s[2]!;
    const d = s[3]!;
    const t = (((a + b) >>> 0) + d) >>> 0;
    s[3] = (d + 1) >>> 0;
    s[0] = (b ^ (b >>> 9)) >>> 0;
    s[1] = (c + (c << 3)) >>> 0;
    s[2] = (((c << 21) | (c >>> 11)) + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Fisher–Yates permutation of 0..n-1. */
  permutation(n: number): number[] {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i -= 1) {
      const j = Math.floor(this.nextFloat() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order;
  }
}

/** A seed derived from a base seed and some integers (epoch, shard): a stateless stream. */
export function deriveSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193) >>> 0;
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  }
  return h >>> 0;
}
