/**
 * The planning problem and Skyplane's constants (ThroughputProblem). Throughputs are in Skyplane's
 * "Gbps", which is bits / 2^30 per second because its grid divides iperf3's bits/s by 2^30.
 */
import type { Provider } from './profile.js';

export const BITS_PER_SKYPLANE_GBIT = 2 ** 30;
export const GBIT_PER_GBYTE = 8;

export interface PlannerConstants {
  /** Connections the grid was profiled with; an edge's capacity scales linearly up to this per VM. */
  readonly benchmarkedConnections: number;
  /** Per-VM [egress, ingress] limits in Gbit/s (Skyplane's units) per cloud. */
  readonly vmLimitsGbits: Readonly<Record<Provider, readonly [egress: number, ingress: number]>>;
  /** VM price in USD per hour (Skyplane: m5.8xlarge spot, one price for every cloud). */
  readonly vmUsdPerHour: number;
}

export const SKYPLANE_CONSTANTS: PlannerConstants = {
  benchmarkedConnections: 64,
  vmLimitsGbits: { aws: [5, 10], gcp: [7, 16], azure: [16, 16] },
  vmUsdPerHour: 0.54,
};

export type Objective = 'min-cost' | 'max-throughput';

export interface PlanRequest {
  readonly src: string;
  readonly dst: string;
  /** Required throughput (min-cost) in Gbit/s; ignored by max-throughput. */
  readonly throughputGbits: number;
  /** Most VMs in any one region. */
  readonly instanceLimit: number;
  /** Data to move, in GB (costs scale linearly with it). */
  readonly gbytes: number;
  readonly objective: Objective;
  /** Cost ceiling in USD per GB moved (max-throughput only). */
  readonly maxCostPerGb?: number;
}

/** Seconds to move `gbytes` at `throughputGbits`. */
export function transferSeconds(gbytes: number, throughputGbits: number): number {
  return (gbytes * GBIT_PER_GBYTE) / throughputGbits;
}

/** USD for `vms` VMs running `seconds`. */
export function vmCost(constants: PlannerConstants, vms: number, seconds: number): number {
  return (constants.vmUsdPerHour / 3600) * vms * seconds;
}
