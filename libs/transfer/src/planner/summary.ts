/** The plan's JSON summary: the field names tools read (a contract; see the README). */
import type { TransferPlan } from './plan.js';

export interface PlanSummary {
  feasible: boolean;
  costTotal: number | null;
  costEgress: number | null;
  costInstance: number | null;
  instancesPerRegion: Record<string, number>;
  edges: { src: string; dst: string; flowGbits: number; connections: number }[];
  throughputGbits: number;
  transferSeconds: number | null;
  baselineDirect: { throughputGbits: number; costTotal: number };
  baselineRon: { throughputGbits: number; costTotal: number };
  solveSeconds: number;
}

export function planSummary(plan: TransferPlan): PlanSummary {
  return {
    feasible: plan.feasible,
    costTotal: plan.costTotal,
    costEgress: plan.costEgress,
    costInstance: plan.costInstance,
    instancesPerRegion: { ...plan.instancesPerRegion },
    edges: plan.edges.map(({ src, dst, flowGbits, connections }) => ({ src, dst, flowGbits, connections })),
    throughputGbits: plan.throughputGbits,
    transferSeconds: plan.transferSeconds,
    baselineDirect: { throughputGbits: plan.baselineDirect.throughputGbits, costTotal: plan.baselineDirect.costTotal },
    baselineRon: { throughputGbits: plan.baselineRon.throughputGbits, costTotal: plan.baselineRon.costTotal },
    solveSeconds: plan.solveSeconds,
  };
}
