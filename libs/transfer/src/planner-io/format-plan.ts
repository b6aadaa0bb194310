/** The plan for a person: the hops as a small table, the VMs, the cost split and the baselines. */
import type { PlanDocument } from '../planner/plan-document.js';
import type { FrontierPoint } from '../planner/frontier.js';
import type { TransferPlan } from '../planner/plan.js';

const usd = (value: number) => `$${value.toFixed(6)}`;
const gbit = (value: number) => `${value.toFixed(3)} Gbit/s`;

function baselineLine(name: string, baseline: { path: readonly string[]; throughputGbits: number; costTotal: number }): string {
  const via = baseline.path.length > 2 ? ` via ${baseline.path.slice(1, -1).join(', ')}` : '';
  return `${name}${via}: ${gbit(baseline.throughputGbits)}, ${usd(baseline.costTotal)}`;
}

type BaselineOf = { path: readonly string[]; throughputGbits: number; costTotal: number };

/**
 * Skyplane's baselines scale the profiled link by the VM count and skip the per-VM network limits
 * the plan obeys, so they can read above the plan's best: the note says why.
 */
function baselinesLine(direct: BaselineOf, ron: BaselineOf): string {
  return `${baselineLine('direct', direct)} | ${baselineLine('RON', ron)} (Skyplane's baselines: per-VM network limits not applied)`;
}

/** Lines for a saved or fresh plan document. */
export function formatPlanDocument(plan: PlanDocument): string[] {
  const width = Math.max(4, ...plan.hops.map((hop) => `${hop.src} -> ${hop.dst}`.length));
  const { request, cost } = plan;
  return [
    `${request.src} -> ${request.dst}: ${gbit(plan.throughputGbits)}, ${request.gbytes} GB in ${plan.transferSeconds.toFixed(2)} s ` +
      `(${request.objective}, at most ${request.instanceLimit} VM${request.instanceLimit > 1 ? 's' : ''} per region)`,
    '',
    `${'hop'.padEnd(width)}  ${'Gbit/s'.padStart(9)}  ${'conns'.padStart(5)}  ${'$/GB'.padStart(6)}`,
    ...plan.hops.map(
      (hop) =>
        `${`${hop.src} -> ${hop.dst}`.padEnd(width)}  ${hop.flowGbits.toFixed(3).padStart(9)}  ${String(hop.connections).padStart(5)}  ${hop.usdPerGb.toFixed(4).padStart(6)}`,
    ),
    '',
    `VMs: ${plan.regions.map(({ region, vms }) => `${region} x${vms}`).join(', ')}`,
    `cost: ${usd(cost.totalUsd)} = egress ${usd(cost.egressUsd)} + VMs ${usd(cost.instanceUsd)}`,
    baselinesLine(plan.baselines.direct, plan.baselines.ron),
  ];
}

export function formatPlan(plan: TransferPlan): string[] {
  const { request } = plan;
  const tail = [
    baselinesLine(plan.baselineDirect, plan.baselineRon),
    `solved in ${plan.solveSeconds.toFixed(2)} s`,
  ];
  if (plan.document) return [...formatPlanDocument(plan.document).slice(0, -1), ...tail];
  const wanted = request.objective === 'min-cost' ? `${gbit(request.throughputGbits)}` : `any throughput under $${request.maxCostPerGb}/GB`;
  return [
    `infeasible: ${request.src} -> ${request.dst} cannot move ${wanted} with at most ${request.instanceLimit} VM${request.instanceLimit > 1 ? 's' : ''} per region; ` +
      `the most it can do is ${gbit(plan.throughputGbits)}`,
    ...tail,
  ];
}

export function formatFrontier(points: readonly FrontierPoint[], gbytes: number): string[] {
  const throughputs = [...new Set(points.map((point) => point.throughputGbits))];
  const cell = (throughput: number, route: FrontierPoint['route']) => {
    const point = points.find((p) => p.throughputGbits === throughput && p.route === route);
    return point?.feasible ? `$${((point.costTotal as number) / gbytes).toFixed(5)}` : 'infeasible';
  };
  return [
    `${'Gbit/s'.padStart(8)}  ${'overlay $/GB'.padStart(12)}  ${'direct $/GB'.padStart(12)}`,
    ...throughputs.map((t) => `${String(t).padStart(8)}  ${cell(t, 'overlay').padStart(12)}  ${cell(t, 'direct').padStart(12)}`),
  ];
}
