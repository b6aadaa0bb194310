/**
 * The cost/throughput frontier of one region pair: the min-cost plan at each throughput of a sweep,
 * over the overlay and over the direct path alone (the same ILP restricted to the src → dst edge),
 * at one instance limit.
 */
import { UsageError } from '@strata/cli';
import { minCostPlan, validateRequest, type PlanOptions } from './plan.js';
import type { NetworkProfile } from './profile.js';

export interface FrontierRequest {
  readonly src: string;
  readonly dst: string;
  readonly instanceLimit: number;
  readonly gbytes: number;
  /** Throughputs to plan at, Gbit/s. */
  readonly throughputs: readonly number[];
}

export interface FrontierPoint {
  readonly throughputGbits: number;
  readonly route: 'overlay' | 'direct';
  readonly feasible: boolean;
  /** USD for the whole transfer; null when infeasible. */
  readonly costTotal: number | null;
}

/** `LO..HI` or `LO..HI/STEP` (step default 1) in Gbit/s, e.g. `1..20`, `0.5..4/0.5`. */
export function parseSweep(text: string): number[] {
  const match = /^\s*([\d.]+)\s*\.\.\s*([\d.]+)\s*(?:\/\s*([\d.]+))?\s*$/.exec(text);
  const [lo, hi, step] = match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 1)] : [NaN, NaN, NaN];
  if (!(lo > 0 && hi >= lo && step > 0) || !Number.isFinite(hi)) {
    throw new UsageError(`--sweep '${text}' is not LO..HI[/STEP] with 0 < LO ≤ HI Gbit/s, e.g. --sweep 1..20`);
  }
  const count = Math.floor((hi - lo) / step + 1e-9) + 1;
  if (count > 200) throw new UsageError(`--sweep '${text}' has ${count} points; use at most 200 (a larger STEP)`);
  return Array.from({ length: count }, (_, k) => Math.round((lo + k * step) * 1e9) / 1e9);
}

export async function planFrontier(
  profile: NetworkProfile,
  request: FrontierRequest,
  options: PlanOptions = {},
  onPoint?: (point: FrontierPoint) => void,
): Promise<FrontierPoint[]> {
  const { src, dst } = validateRequest(profile, {
    ...request,
    throughputGbits: request.throughputs[0] ?? NaN,
    objective: 'min-cost',
  });
  const points: FrontierPoint[] = [];
  // Feasibility is monotone in throughput: past a route's first infeasible point, skip its solves.
  const infeasibleFrom = { overlay: Infinity, direct: Infinity };
  for (const throughputGbits of request.throughputs) {
    for (const route of ['overlay', 'direct'] as const) {
      const shape = { src, dst, instanceLimit: request.instanceLimit, directOnly: route === 'direct' };
      const found =
        throughputGbits >= infeasibleFrom[route] ? null : await minCostPlan(profile, shape, throughputGbits, request.gbytes, options);
      if (found === null) infeasibleFrom[route] = Math.min(infeasibleFrom[route], throughputGbits);
      const point = {
        throughputGbits,
        route,
        feasible: found !== null,
        costTotal: found === null ? null : found.costEgress + found.costInstance,
      };
      points.push(point);
      onPoint?.(point);
    }
  }
  return points;
}
