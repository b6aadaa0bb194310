/**
 * mulberry32: a tiny 32-bit seeded PRNG, the one seeded random source of every lib (generated
 * graphs, randomized rounding, code transforms, hard solver instances). The same sequence on
 * every platform, so a seed names one result for good. Uniform in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
