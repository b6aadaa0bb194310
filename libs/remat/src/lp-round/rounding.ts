import { mulberry32 } from '@strata/cli';
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

/** A seeded generator (mulberry32), so randomized rounding is reproducible for a seed. */
export const seededRandom = mulberry32;
