import { formatBytes } from '@strata/cli';
import type { Plan } from '../plan-remat.js';

/** Two-column table lines, labels padded to the longest. */
export function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`);
}

function percentOf(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : 'n/a';
}

/** The human summary of one plan: what was asked, whether it fits, what it costs. */
export function formatPlan(plan: Plan, graphName: string): string[] {
  const solver = plan.backend === null ? plan.solver : `${plan.solver} (${plan.backend})`;
  const header = `${graphName}: ${solver}, budget ${formatBytes(plan.budgetBytes)} (${percentOf(plan.budgetBytes, plan.noRematPeakBytes)} of the no-remat peak ${formatBytes(plan.noRematPeakBytes)})`;
  if (!plan.feasible) {
    const why =
      plan.status === 'not-applicable'
        ? `${plan.solver} is not applicable to this graph (its forward pass is not a chain): try another solver`
        : plan.status === 'over-budget'
          ? `${plan.solver}'s plan does not fit this budget: try a larger budget or another solver`
          : `no plan fits this budget (status ${plan.status}): try a larger budget`;
    return [
      header,
      ...table([
        ['feasible', 'no'],
        ['status', plan.status],
        ['solve time', `${plan.solveSeconds.toFixed(2)} s`],
      ]),
      `  ${why}`,
    ];
  }
  const computes = plan.schedule.filter((op) => op.op === 'compute').length;
  const rows: [string, string][] = [
    ['feasible', 'yes'],
    ['status', plan.optimal ? `${plan.status} (proven optimal)` : plan.status],
    [
      'overhead',
      `${(plan.overhead ?? 0).toFixed(4)}× (cost ${plan.cost} vs ${plan.baselineCost} without recomputation)`,
    ],
    [
      'peak memory',
      `${formatBytes(plan.peakBytes ?? 0)} (${percentOf(plan.peakBytes ?? 0, plan.budgetBytes)} of the budget)`,
    ],
  ];
  if (plan.gap !== null) rows.push(['MIP gap', `${(100 * plan.gap).toFixed(2)}%`]);
  if (plan.lowerBound !== null) rows.push(['lower bound', String(plan.lowerBound)]);
  rows.push(['solve time', `${plan.solveSeconds.toFixed(2)} s`]);
  rows.push([
    'schedule',
    `${plan.schedule.length} ops (${computes} computes, ${plan.schedule.length - computes} frees)`,
  ]);
  return [header, ...table(rows)];
}
