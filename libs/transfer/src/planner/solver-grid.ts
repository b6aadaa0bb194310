/**
 * The grids the ILP sees, derived from a profile exactly as Skyplane's solver derives them:
 * throughput in its Gbit/s (bits / 2^30), rounded to 4 decimals; egress prices rounded to cents.
 * The baselines use the unrounded values, as Skyplane's do.
 */
import { BITS_PER_SKYPLANE_GBIT } from './problem.js';
import type { NetworkProfile } from './profile.js';

export interface SolverGrid {
  readonly regions: readonly string[];
  /** Capacity per pair at the benchmarked connection count, Gbit/s, row-major. */
  readonly capacityGbits: Float64Array;
  /** Egress USD per GB, rounded to cents, row-major. */
  readonly priceUsdPerGb: Float64Array;
}

/**
 * numpy's `round` (half to even on the double's exact decimal value): `toFixed` rounds that exact
 * value, ties away from zero, so only an exact tie needs the even correction.
 */
export function roundHalfEven(value: number, digits: number): number {
  const rounded = Number(value.toFixed(digits));
  const exact = Math.abs(value).toFixed(100);
  const tail = exact.slice(exact.indexOf('.') + 1 + digits);
  if (!/^50*$/.test(tail)) return rounded;
  const scale = 10 ** digits;
  const down = Math.trunc(Math.abs(value) * scale);
  const even = down % 2 === 0 ? down : down + 1;
  return (Math.sign(value) * even) / scale;
}

const cache = new WeakMap<NetworkProfile, SolverGrid>();

export function solverGrid(profile: NetworkProfile): SolverGrid {
  const cached = cache.get(profile);
  if (cached) return cached;
  const capacityGbits = profile.throughputBps.map((bps) => roundHalfEven(bps / BITS_PER_SKYPLANE_GBIT, 4));
  const priceUsdPerGb = profile.egressUsdPerGb.map((usd) => roundHalfEven(usd, 2));
  const grid = { regions: profile.regions, capacityGbits, priceUsdPerGb };
  cache.set(profile, grid);
  return grid;
}
