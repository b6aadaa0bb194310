export { mulberry32 } from '@strata/cli';

/** A uniform integer in [min, max]. */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
