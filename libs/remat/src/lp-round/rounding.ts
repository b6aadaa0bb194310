import type { FractionalPlan } from '../milp/formulation.js';

/** Checkmate's deterministic thresholds: S[t,i] = 1 when the LP's S[t,i] ≥ threshold. */
export const DEFAULT_THRESHOLDS: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

export function thresholdS(fractional: FractionalPlan, threshold: number): Uint8Array[] {
  return fractional.S.map((row) => Uint8Array.from(row, (value) => (value >= threshold ? 1 : 0)));
}

/** Randomized rounding: S[t,i] = 1 with probability equal to the LP's S[t,i]. */
export function randomS(fractional: FractionalPlan, random: () => number): Uint8Array[] {
  return fractional.S.map((row) =>
    Uint8Array.from(row, (value) => (value > 0 && random() < value ? 1 : 0)),
  );
}

/** mulberry32: a small seeded generator, so randomized rounding is reproducible for a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 2 ** 32;
  };
}
