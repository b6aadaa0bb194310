/**
 * Solves the overlay model on a @strata/solver backend and reads the answer back as flows,
 * connections and VM counts.
 */
import { FailureError } from '@strata/cli';
import { solve, type BackendName } from '@strata/solver';
import { buildOverlayModel, type OverlayGoal, type OverlayShape } from './overlay-model.js';
import type { PlannerConstants } from './problem.js';
import type { SolverGrid } from './solver-grid.js';

/** Tight enough that the optimum's cost matches Skyplane's to ~1e-9 relative. */
const MIP_REL_GAP = 1e-9;

export interface OverlaySolution {
  /** Flow per used edge (Gbit/s, rounded to 6 decimals as Skyplane rounds) and the solver's connections. */
  readonly edges: readonly { from: number; to: number; flowGbits: number; solverConnections: number }[];
  /** VMs per region index (0 for unused regions). */
  readonly vms: readonly number[];
  /** Egress cost per GB given the unrounded flows: Σ flow·price / throughput. */
  readonly egressUsdPerGbit: number;
  readonly throughputGbits: number;
  readonly solveSeconds: number;
}

export interface SolveSettings {
  readonly backend?: BackendName;
  readonly timeLimitSeconds?: number;
}

/** Solves; null when infeasible. Solver failures (error, time limit without a plan) throw FailureError. */
export async function solveOverlay(
  grid: SolverGrid,
  constants: PlannerConstants,
  shape: OverlayShape,
  goal: OverlayGoal,
  settings: SolveSettings = {},
): Promise<OverlaySolution | null> {
  const built = buildOverlayModel(grid, constants, shape, goal);
  if (built.edges.length === 0) return null;
  // Without a cost ceiling, more VMs never lower the throughput: the LP relaxation's optimum puts
  // every region at the instance limit, an integral point, so the LP gives the MILP's throughput.
  const relax = goal.kind === 'max-throughput' && goal.maxCostPerGb === undefined;
  const result = await solve(built.model, {
    mipRelGap: MIP_REL_GAP,
    relax,
    ...(settings.backend ? { backend: settings.backend } : {}),
    ...(settings.timeLimitSeconds ? { timeLimitSeconds: settings.timeLimitSeconds } : {}),
  });
  const seconds = result.buildSeconds + result.solveSeconds;
  if (result.status === 'infeasible') return null;
  if ((result.status !== 'optimal' && result.status !== 'feasible') || result.values === null) {
    throw new FailureError(`the ${result.backend} solver did not solve the transfer plan: ${result.status}${result.message ? ` (${result.message})` : ''}`);
  }
  const values = result.values;
  const n = grid.regions.length;
  const vms = Array.from({ length: n }, (_, i) => Math.round(values[built.vmVar + i] as number));
  const edges = [];
  let egress = 0;
  let sent = 0;
  for (let k = 0; k < built.edges.length; k++) {
    const { from, to } = built.edges[k] as { from: number; to: number };
    const flow = Math.max(0, values[built.flowVar + 2 * k] as number);
    egress += flow * (grid.priceUsdPerGb[from * n + to] as number);
    if (from === shape.src) sent += flow;
    const rounded = Math.round(flow * 1e6) / 1e6;
    if (rounded > 0) edges.push({ from, to, flowGbits: rounded, solverConnections: values[built.flowVar + 2 * k + 1] as number });
  }
  const throughputGbits = goal.kind === 'min-cost' ? goal.throughputGbits : sent;
  return { edges, vms, egressUsdPerGbit: egress, throughputGbits, solveSeconds: seconds };
}
