/**
 * The baselines reported beside every plan, as Skyplane computes them from the unrounded profile:
 * the direct path (ThroughputSolver.get_baseline_throughput_and_cost) and RON's best one-relay path
 * (ThroughputSolverRON: the relay with the highest bottleneck, kept only if it beats direct).
 */
import { BITS_PER_SKYPLANE_GBIT, transferSeconds, vmCost, type PlannerConstants } from './problem.js';
import type { NetworkProfile } from './profile.js';

export interface Baseline {
  /** Regions the data passes through, source first. */
  readonly path: readonly string[];
  readonly throughputGbits: number;
  readonly costEgress: number;
  readonly costInstance: number;
  readonly costTotal: number;
}

/** Skyplane floors a zero-throughput pair at 1e-6 Gbit/s so the transfer time stays finite. */
const MIN_THROUGHPUT_GBITS = 1e-6;

function throughputOf(profile: NetworkProfile, from: number, to: number): number {
  return profile.throughputBps[from * profile.regions.length + to] as number;
}

function priceOf(profile: NetworkProfile, from: number, to: number): number {
  return profile.egressUsdPerGb[from * profile.regions.length + to] as number;
}

/** One region pair (indices into the profile) on `instanceLimit` VMs per region, moving `gbytes`. */
export interface BaselineInput {
  readonly profile: NetworkProfile;
  readonly constants: PlannerConstants;
  readonly src: number;
  readonly dst: number;
  readonly instanceLimit: number;
  readonly gbytes: number;
}

/**
 * The direct path on `instanceLimit` VMs. As in Skyplane, the VM cost counts `instanceLimit` VMs
 * once (not once per side) and the per-VM network limits are not applied.
 */
export function directBaseline({ profile, constants, src, dst, instanceLimit, gbytes }: BaselineInput): Baseline {
  const throughputGbits = Math.max((instanceLimit * throughputOf(profile, src, dst)) / BITS_PER_SKYPLANE_GBIT, MIN_THROUGHPUT_GBITS);
  const costEgress = gbytes * priceOf(profile, src, dst);
  const costInstance = vmCost(constants, instanceLimit, transferSeconds(gbytes, throughputGbits));
  const regions = profile.regions;
  return { path: [regions[src] as string, regions[dst] as string], throughputGbits, costEgress, costInstance, costTotal: costEgress + costInstance };
}

/**
 * RON's best path with at most one relay, on `instanceLimit` VMs in every region of the path (as
 * RON's solution places them); egress is the sum of the hops' prices.
 */
export function ronBaseline({ profile, constants, src, dst, instanceLimit, gbytes }: BaselineInput): Baseline {
  let best = throughputOf(profile, src, dst);
  let path = [src, dst];
  profile.regions.forEach((_, relay) => {
    if (relay === src || relay === dst) return;
    const bottleneck = Math.min(throughputOf(profile, src, relay), throughputOf(profile, relay, dst));
    if (bottleneck > best) {
      best = bottleneck;
      path = [src, relay, dst];
    }
  });
  const throughputGbits = Math.max((instanceLimit * best) / BITS_PER_SKYPLANE_GBIT, MIN_THROUGHPUT_GBITS);
  let pricePerGb = 0;
  for (let hop = 0; hop + 1 < path.length; hop++) pricePerGb += priceOf(profile, path[hop] as number, path[hop + 1] as number);
  const costEgress = gbytes * pricePerGb;
  const costInstance = vmCost(constants, instanceLimit * path.length, transferSeconds(gbytes, throughputGbits));
  return {
    path: path.map((index) => profile.regions[index] as string),
    throughputGbits,
    costEgress,
    costInstance,
    costTotal: costEgress + costInstance,
  };
}
