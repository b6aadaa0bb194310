/**
 * planTransfer: profile and request in, plan out. Min-cost is Skyplane's ILP; max-throughput finds
 * the highest throughput (under an optional cost ceiling) and then the cheapest plan at it. An
 * infeasible request is answered with the largest throughput the instance limit allows.
 */
import { UsageError } from '@strata/cli';
import type { BackendName } from '@strata/solver';
import { directBaseline, ronBaseline, type Baseline } from './baselines.js';
import { solveOverlay, type OverlaySolution } from './overlay-solve.js';
import { buildPlanDocument } from './plan-gateways.js';
import type { PlanDocument } from './plan-document.js';
import { SKYPLANE_CONSTANTS, transferSeconds, vmCost, type PlannerConstants, type PlanRequest } from './problem.js';
import type { NetworkProfile } from './profile.js';
import { regionIndex } from './regions.js';
import { solverGrid, type SolverGrid } from './solver-grid.js';

export interface PlanOptions {
  readonly constants?: PlannerConstants;
  readonly backend?: BackendName;
  readonly timeLimitSeconds?: number;
}

export interface PlanEdge {
  readonly src: string;
  readonly dst: string;
  readonly flowGbits: number;
  /** Whole connections for the flow: ⌈64 · flow / capacity⌉, less where that overshoots 64 per VM. */
  readonly connections: number;
}

export interface TransferPlan {
  readonly request: PlanRequest;
  readonly feasible: boolean;
  /** The plan's throughput; when infeasible, the largest throughput feasible at the instance limit. */
  readonly throughputGbits: number;
  readonly transferSeconds: number | null;
  readonly costTotal: number | null;
  readonly costEgress: number | null;
  readonly costInstance: number | null;
  readonly instancesPerRegion: Readonly<Record<string, number>>;
  readonly edges: readonly PlanEdge[];
  readonly baselineDirect: Baseline;
  readonly baselineRon: Baseline;
  readonly solveSeconds: number;
  /** The executable plan (null when infeasible). */
  readonly document: PlanDocument | null;
}

/** A flag's value in a message: what the parser turned a non-number into (NaN) says nothing to a user. */
const shown = (value: number) => (Number.isNaN(value) ? 'something that is not a number' : String(value));

/** Rejects a request the planner cannot answer, one line each. */
export function validateRequest(profile: NetworkProfile, request: PlanRequest): { src: number; dst: number } {
  const src = regionIndex(profile, request.src, '--src');
  const dst = regionIndex(profile, request.dst, '--dst');
  if (src === dst) throw new UsageError(`--src and --dst are both ${request.src}: name two different regions`);
  if (request.objective === 'min-cost' && !(request.throughputGbits > 0 && Number.isFinite(request.throughputGbits))) {
    throw new UsageError(`--throughput must be a positive number of Gbit/s, e.g. --throughput 5 (got ${shown(request.throughputGbits)})`);
  }
  if (!Number.isInteger(request.instanceLimit) || request.instanceLimit < 1) {
    throw new UsageError(`--instance-limit must be a whole number of at least 1, not ${shown(request.instanceLimit)}`);
  }
  if (!(request.gbytes > 0 && Number.isFinite(request.gbytes))) {
    throw new UsageError(`--gbytes must be a positive number of GB, not ${shown(request.gbytes)}`);
  }
  if (request.maxCostPerGb !== undefined && !(request.maxCostPerGb > 0 && Number.isFinite(request.maxCostPerGb))) {
    throw new UsageError(`--max-cost-per-gb must be a positive number of USD, not ${shown(request.maxCostPerGb)}`);
  }
  if (request.maxCostPerGb !== undefined && request.objective !== 'max-throughput') {
    throw new UsageError('--max-cost-per-gb bounds --objective max-throughput: add that objective or drop the ceiling');
  }
  return { src, dst };
}

/** Highest throughput feasible at the limit (and cost ceiling); 0 if none. */
async function largestThroughput(
  grid: SolverGrid,
  constants: PlannerConstants,
  shape: { src: number; dst: number; instanceLimit: number; directOnly?: boolean },
  options: PlanOptions,
  maxCostPerGb?: number,
): Promise<{ throughputGbits: number; seconds: number }> {
  const goal = maxCostPerGb === undefined ? { kind: 'max-throughput' as const } : { kind: 'max-throughput' as const, maxCostPerGb };
  const best = await solveOverlay(grid, constants, shape, goal, options);
  if (best === null) return { throughputGbits: 0, seconds: 0 };
  return { throughputGbits: best.throughputGbits, seconds: best.solveSeconds };
}

/**
 * The solver's optimum to 6 decimals, just below it, and a step further down: the solver's
 * tolerances may put the optimum a hair above what the cheapest plan at that throughput can meet
 * (infeasible there, or over the cost ceiling by a rounding error).
 */
function roundedCandidates(throughputGbits: number): number[] {
  const nearest = Math.round(throughputGbits * 1e6) / 1e6;
  const below = Math.floor(throughputGbits * (1 - 1e-9) * 1e6) / 1e6;
  const further = Math.floor(throughputGbits * (1 - 1e-6) * 1e6) / 1e6;
  return [...new Set([nearest, below, further])].filter((value) => value > 0);
}

const costPerGb = (plan: { costEgress: number; costInstance: number }, gbytes: number) => (plan.costEgress + plan.costInstance) / gbytes;

type MinCostPlan = NonNullable<Awaited<ReturnType<typeof minCostPlan>>>;

/**
 * The cheapest plan at the highest throughput: the first candidate with a plan within the cost
 * ceiling; failing that (never seen), the first with a plan at all.
 */
async function cheapestAtHighest(
  profile: NetworkProfile,
  shape: { src: number; dst: number; instanceLimit: number },
  highestGbits: number,
  request: PlanRequest,
  options: PlanOptions,
): Promise<{ chosen: { plan: MinCostPlan; throughputGbits: number } | null; seconds: number }> {
  let first: { plan: MinCostPlan; throughputGbits: number } | null = null;
  let seconds = 0;
  for (const throughputGbits of roundedCandidates(highestGbits)) {
    const plan = await minCostPlan(profile, shape, throughputGbits, request.gbytes, options);
    seconds += plan?.solution.solveSeconds ?? 0;
    if (plan === null) continue;
    if (request.maxCostPerGb === undefined || costPerGb(plan, request.gbytes) <= request.maxCostPerGb) {
      return { chosen: { plan, throughputGbits }, seconds };
    }
    first ??= { plan, throughputGbits };
  }
  return { chosen: first, seconds };
}

/** The highest throughput one region pair reaches at an instance limit (overlay, or direct only), Gbit/s. */
export async function maxThroughputGbits(
  profile: NetworkProfile,
  shape: { src: number; dst: number; instanceLimit: number; directOnly?: boolean },
  options: PlanOptions = {},
): Promise<number> {
  const best = await largestThroughput(solverGrid(profile), options.constants ?? SKYPLANE_CONSTANTS, shape, options);
  return best.throughputGbits;
}

/** The min-cost overlay plan for one region pair at one throughput (null: infeasible), with its costs. */
export async function minCostPlan(
  profile: NetworkProfile,
  shape: { src: number; dst: number; instanceLimit: number; directOnly?: boolean },
  throughputGbits: number,
  gbytes: number,
  options: PlanOptions = {},
): Promise<{ solution: OverlaySolution; costEgress: number; costInstance: number } | null> {
  const constants = options.constants ?? SKYPLANE_CONSTANTS;
  const grid = solverGrid(profile);
  const solution = await solveOverlay(grid, constants, shape, { kind: 'min-cost', throughputGbits, gbytes }, options);
  if (solution === null) return null;
  const costEgress = (gbytes * solution.egressUsdPerGbit) / throughputGbits;
  const vms = solution.vms.reduce((sum, count) => sum + count, 0);
  const costInstance = vmCost(constants, vms, transferSeconds(gbytes, throughputGbits));
  return { solution, costEgress, costInstance };
}

/**
 * Whole connections per edge: ⌈64 · flow / capacity⌉ each, then, where that overshoots a region's
 * budget of 64 per VM (rounding up edges whose exact need sums to the budget), the edges that lose
 * least by it are rounded down instead.
 */
function wholeConnections(grid: SolverGrid, solution: OverlaySolution, connectionsPerVm: number): number[] {
  const n = grid.regions.length;
  const need = solution.edges.map(({ from, to, flowGbits }) => (connectionsPerVm * flowGbits) / (grid.capacityGbits[from * n + to] as number));
  const whole = need.map((exact) => Math.max(1, Math.ceil(exact - 1e-6)));
  const fitBudget = (side: 'from' | 'to') => {
    solution.vms.forEach((vms, region) => {
      const mine = solution.edges.map((edge, k) => (edge[side] === region ? k : -1)).filter((k) => k >= 0);
      let excess = mine.reduce((sum, k) => sum + (whole[k] as number), 0) - vms * connectionsPerVm;
      const slack = (k: number) => (whole[k] as number) - (need[k] as number);
      const byLoss = mine.filter((k) => (whole[k] as number) > 1).sort((a, b) => slack(b) - slack(a));
      for (const k of byLoss) {
        if (excess <= 0) break;
        whole[k] = (whole[k] as number) - 1;
        excess--;
      }
    });
  };
  fitBudget('from');
  fitBudget('to');
  return whole;
}

function planEdges(grid: SolverGrid, solution: OverlaySolution, connectionsPerVm: number): PlanEdge[] {
  const connections = wholeConnections(grid, solution, connectionsPerVm);
  return solution.edges.map(({ from, to, flowGbits }, k) => ({
    src: grid.regions[from] as string,
    dst: grid.regions[to] as string,
    flowGbits,
    connections: connections[k] as number,
  }));
}

export async function planTransfer(profile: NetworkProfile, request: PlanRequest, options: PlanOptions = {}): Promise<TransferPlan> {
  const { src, dst } = validateRequest(profile, request);
  const constants = options.constants ?? SKYPLANE_CONSTANTS;
  const grid = solverGrid(profile);
  const shape = { src, dst, instanceLimit: request.instanceLimit };
  let solveSeconds = 0;

  let target = request.throughputGbits;
  let found: Awaited<ReturnType<typeof minCostPlan>> = null;
  if (request.objective === 'max-throughput') {
    const best = await largestThroughput(grid, constants, shape, options, request.maxCostPerGb);
    solveSeconds += best.seconds;
    const cheapest = await cheapestAtHighest(profile, shape, best.throughputGbits, request, options);
    solveSeconds += cheapest.seconds;
    if (cheapest.chosen) [found, target] = [cheapest.chosen.plan, cheapest.chosen.throughputGbits];
  } else {
    found = await minCostPlan(profile, shape, target, request.gbytes, options);
    solveSeconds += found?.solution.solveSeconds ?? 0;
  }

  const pair = { profile, constants, src, dst, instanceLimit: request.instanceLimit, gbytes: request.gbytes };
  const baselineDirect = directBaseline(pair);
  const baselineRon = ronBaseline(pair);

  if (found === null) {
    const largest = await largestThroughput(grid, constants, shape, options);
    solveSeconds += largest.seconds;
    return {
      request,
      feasible: false,
      throughputGbits: Math.round(largest.throughputGbits * 1e6) / 1e6,
      transferSeconds: null,
      costTotal: null,
      costEgress: null,
      costInstance: null,
      instancesPerRegion: {},
      edges: [],
      baselineDirect,
      baselineRon,
      solveSeconds,
      document: null,
    };
  }
  const instancesPerRegion: Record<string, number> = {};
  found.solution.vms.forEach((count, i) => {
    if (count > 0) instancesPerRegion[grid.regions[i] as string] = count;
  });
  const edges = planEdges(grid, found.solution, constants.benchmarkedConnections);
  const plan = {
    request,
    feasible: true,
    throughputGbits: target,
    transferSeconds: transferSeconds(request.gbytes, target),
    costTotal: found.costEgress + found.costInstance,
    costEgress: found.costEgress,
    costInstance: found.costInstance,
    instancesPerRegion,
    edges,
    baselineDirect,
    baselineRon,
    solveSeconds,
  };
  return { ...plan, document: buildPlanDocument(plan, grid) };
}
