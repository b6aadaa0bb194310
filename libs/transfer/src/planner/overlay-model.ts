/**
 * Skyplane's overlay ILP (ThroughputSolverILP.solve_min_cost) as a @strata/solver model, plus the
 * max-throughput variant. Per ordered region pair: flow (Gbit/s) and connections; per region: an
 * integer VM count up to the instance limit. Constraints: connections per region ≤ 64 per VM each
 * way, an edge carries at most its profiled capacity × connections / 64, flow is conserved, the
 * source sends and the destination receives the throughput, and each VM's egress and ingress stay
 * within its cloud's limits.
 *
 * Edges that can carry nothing are left out (zero capacity, into the source, out of the
 * destination): Skyplane keeps them, but their flow is forced to zero or only adds cost, so the
 * optimum is the same and the model is smaller.
 */
import { Model } from '@strata/solver';
import { GBIT_PER_GBYTE, type PlannerConstants } from './problem.js';
import { providerOf } from './profile.js';
import type { SolverGrid } from './solver-grid.js';

export interface OverlayEdge {
  readonly from: number;
  readonly to: number;
  readonly flow: number;
  readonly connections: number;
}

export interface OverlayModel {
  readonly model: Model;
  readonly edges: readonly { from: number; to: number }[];
  /** Variable index of edge k's flow is flowVar + 2k, of its connections flowVar + 2k + 1. */
  readonly flowVar: number;
  /** Variable index of region i's VM count is vmVar + i. */
  readonly vmVar: number;
  /** The throughput variable (max-throughput only). */
  readonly throughputVar: number | null;
}

export type OverlayGoal =
  /** Minimise egress + VM cost for moving `gbytes` at exactly `throughputGbits`. */
  | { kind: 'min-cost'; throughputGbits: number; gbytes: number }
  /** Maximise throughput, optionally with a cost ceiling in USD per GB. */
  | { kind: 'max-throughput'; maxCostPerGb?: number };

export interface OverlayShape {
  readonly src: number;
  readonly dst: number;
  readonly instanceLimit: number;
  /** Only the direct src → dst edge (the direct path's own frontier). */
  readonly directOnly?: boolean;
}

function usableEdges(grid: SolverGrid, shape: OverlayShape): { from: number; to: number }[] {
  const n = grid.regions.length;
  if (shape.directOnly) {
    return (grid.capacityGbits[shape.src * n + shape.dst] as number) > 0 ? [{ from: shape.src, to: shape.dst }] : [];
  }
  const edges: { from: number; to: number }[] = [];
  for (let from = 0; from < n; from++) {
    if (from === shape.dst) continue;
    for (let to = 0; to < n; to++) {
      if (to === from || to === shape.src) continue;
      if ((grid.capacityGbits[from * n + to] as number) > 0) edges.push({ from, to });
    }
  }
  return edges;
}

export function buildOverlayModel(
  grid: SolverGrid,
  constants: PlannerConstants,
  shape: OverlayShape,
  goal: OverlayGoal,
): OverlayModel {
  const n = grid.regions.length;
  const edges = usableEdges(grid, shape);
  const model = new Model({ name: 'skyplane-overlay', sense: goal.kind === 'min-cost' ? 'minimize' : 'maximize' });
  const conns = constants.benchmarkedConnections;

  // Per-GB cost of one Gbit/s on an edge is price/T; of one VM, $/h × 8/T / 3600 (see the objective).
  const flowCost = (k: number) => {
    const { from, to } = edges[k] as { from: number; to: number };
    return grid.priceUsdPerGb[from * n + to] as number;
  };
  const vmCostPerGbitOfData = constants.vmUsdPerHour / 3600;
  const minCost = goal.kind === 'min-cost' ? goal : null;
  const dataScale = minCost ? minCost.gbytes / minCost.throughputGbits : 0;

  const flowVar = model.numVariables;
  edges.forEach((_, k) => {
    model.addVariable({ objective: minCost ? flowCost(k) * dataScale : 0 });
    model.addVariable();
  });
  const vmVar = model.numVariables;
  for (let i = 0; i < n; i++) {
    model.addVariable({
      type: 'integer',
      ub: shape.instanceLimit,
      objective: minCost ? vmCostPerGbitOfData * GBIT_PER_GBYTE * dataScale : 0,
    });
  }
  const throughputVar = goal.kind === 'max-throughput' ? model.addVariable({ objective: 1 }) : null;

  const out: number[][] = Array.from({ length: n }, () => []);
  const inn: number[][] = Array.from({ length: n }, () => []);
  edges.forEach(({ from, to }, k) => {
    out[from]?.push(k);
    inn[to]?.push(k);
    const capacity = grid.capacityGbits[from * n + to] as number;
    model.addConstraint([flowVar + 2 * k, flowVar + 2 * k + 1], [1, -capacity / conns], '<=', 0);
  });

  const flowSum = (ks: number[], sign: number) => ({ vars: ks.map((k) => flowVar + 2 * k), coefs: ks.map(() => sign) });
  for (let i = 0; i < n; i++) {
    const outs = out[i] as number[];
    const ins = inn[i] as number[];
    const vm = vmVar + i;
    const [egressLimit, ingressLimit] = constants.vmLimitsGbits[providerOf(grid.regions[i] as string)];
    model.addConstraint([...outs.map((k) => flowVar + 2 * k + 1), vm], [...outs.map(() => 1), -conns], '<=', 0);
    model.addConstraint([...ins.map((k) => flowVar + 2 * k + 1), vm], [...ins.map(() => 1), -conns], '<=', 0);
    const o = flowSum(outs, 1);
    const f = flowSum(ins, 1);
    model.addConstraint([...o.vars, vm], [...o.coefs, -egressLimit], '<=', 0);
    model.addConstraint([...f.vars, vm], [...f.coefs, -ingressLimit], '<=', 0);
    if (i === shape.src || i === shape.dst) {
      const side = i === shape.src ? o : f;
      if (throughputVar === null) model.addConstraint(side.vars, side.coefs, '=', (minCost as { throughputGbits: number }).throughputGbits);
      else model.addConstraint([...side.vars, throughputVar], [...side.coefs, -1], '=', 0);
    } else {
      const minusOut = flowSum(outs, -1);
      model.addConstraint([...f.vars, ...minusOut.vars], [...f.coefs, ...minusOut.coefs], '=', 0);
    }
  }

  if (goal.kind === 'max-throughput' && goal.maxCostPerGb !== undefined && throughputVar !== null) {
    // Cost per GB = (Σ flow·price + VMs·$/h·8/3600) / T ≤ ceiling, multiplied through by T.
    const vars = edges.map((_, k) => flowVar + 2 * k);
    const coefs = edges.map((_, k) => flowCost(k));
    for (let i = 0; i < n; i++) {
      vars.push(vmVar + i);
      coefs.push(vmCostPerGbitOfData * GBIT_PER_GBYTE);
    }
    vars.push(throughputVar);
    coefs.push(-goal.maxCostPerGb);
    model.addConstraint(vars, coefs, '<=', 0);
  }
  return { model, edges, flowVar, vmVar, throughputVar };
}
