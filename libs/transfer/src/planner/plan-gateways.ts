/** Turns a feasible plan into the executable document: regions, hops and one program per gateway. */
import { PLAN_FORMAT, PLAN_VERSION, planDocumentSchema, type PlanDocument } from './plan-document.js';
import type { Baseline } from './baselines.js';
import type { PlanEdge, TransferPlan } from './plan.js';
import type { SolverGrid } from './solver-grid.js';

type FeasiblePlan = Omit<TransferPlan, 'document'> & {
  transferSeconds: number;
  costTotal: number;
  costEgress: number;
  costInstance: number;
};

const pick = ({ path, throughputGbits, costTotal }: Baseline) => ({ path: [...path], throughputGbits, costTotal });

export function buildPlanDocument(plan: Omit<TransferPlan, 'document'>, grid: SolverGrid): PlanDocument {
  const feasible = plan as FeasiblePlan;
  const n = grid.regions.length;
  const priceOf = (edge: PlanEdge) =>
    grid.priceUsdPerGb[grid.regions.indexOf(edge.src) * n + grid.regions.indexOf(edge.dst)] as number;
  const { request } = plan;
  const document: PlanDocument = {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    units: 'Gbit/s = 2^30 bits/s; USD',
    request: {
      src: request.src,
      dst: request.dst,
      gbytes: request.gbytes,
      instanceLimit: request.instanceLimit,
      objective: request.objective,
      throughputGbits: request.objective === 'min-cost' ? request.throughputGbits : null,
      maxCostPerGb: request.maxCostPerGb ?? null,
    },
    throughputGbits: feasible.throughputGbits,
    transferSeconds: feasible.transferSeconds,
    cost: { totalUsd: feasible.costTotal, egressUsd: feasible.costEgress, instanceUsd: feasible.costInstance },
    baselines: {
      direct: pick(plan.baselineDirect),
      ron: pick(plan.baselineRon),
    },
    regions: Object.entries(plan.instancesPerRegion).map(([region, vms]) => ({ region, vms })),
    hops: plan.edges.map((edge) => ({ ...edge, usdPerGb: priceOf(edge) })),
    gateways: Object.entries(plan.instancesPerRegion).map(([region, vms]) => ({
      region,
      vms,
      readsGbits: region === request.src ? feasible.throughputGbits : 0,
      receives: plan.edges
        .filter((edge) => edge.dst === region)
        .map((edge) => ({ region: edge.src, flowGbits: edge.flowGbits, connections: edge.connections })),
      forwards: plan.edges
        .filter((edge) => edge.src === region)
        .map((edge) => ({ region: edge.dst, flowGbits: edge.flowGbits, connections: edge.connections })),
      writesGbits: region === request.dst ? feasible.throughputGbits : 0,
    })),
  };
  // The planner's own output must satisfy the schema the gateways check it against.
  return planDocumentSchema.parse(document);
}
