/**
 * The planner's pictures as vega-lite, rendered headless to SVG: a plan as a graph of regions (VM
 * counts on nodes, flows on edges; source left, destination right, relays between by hop count)
 * and a sweep's cost/throughput frontier, overlay against direct.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { FrontierPoint } from '../planner/frontier.js';
import type { PlanDocument } from '../planner/plan-document.js';

export { renderSvg } from '@strata/cli/charts';

/** Column of each region: hops from the source along the plan's edges; the destination last. */
function columns(plan: PlanDocument): Map<string, number> {
  const depth = new Map<string, number>([[plan.request.src, 0]]);
  let frontier = [plan.request.src];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const region of frontier) {
      for (const hop of plan.hops) {
        if (hop.src === region && !depth.has(hop.dst)) {
          depth.set(hop.dst, (depth.get(region) as number) + 1);
          next.push(hop.dst);
        }
      }
    }
    frontier = next;
  }
  const last = Math.max(1, ...[...depth.entries()].filter(([r]) => r !== plan.request.dst).map(([, d]) => d + 1));
  depth.set(plan.request.dst, last);
  return depth;
}

/** Row offsets around the source–destination line; the line itself is left free when a direct hop uses it. */
function rowOffsets(count: number, lineTaken: boolean): number[] {
  const offsets = lineTaken ? [] : [0];
  for (let step = 1; offsets.length < count; step++) offsets.push(-step, step);
  return offsets.slice(0, count);
}

export function planGraphSpec(plan: PlanDocument): TopLevelSpec {
  const depth = columns(plan);
  const { src, dst } = plan.request;
  const direct = plan.hops.some((hop) => hop.src === src && hop.dst === dst);
  const byColumn = new Map<number, string[]>();
  for (const { region } of plan.regions) {
    if (region === src || region === dst) continue;
    const column = depth.get(region) ?? 1;
    byColumn.set(column, [...(byColumn.get(column) ?? []), region]);
  }
  const rowOf = new Map<string, number>([
    [src, 0],
    [dst, 0],
  ]);
  for (const regions of byColumn.values()) {
    const offsets = rowOffsets(regions.length, direct);
    regions.forEach((region, k) => rowOf.set(region, offsets[k] as number));
  }
  const nodes = plan.regions.map(({ region, vms }) => ({
    region,
    vms,
    x: depth.get(region) ?? 1,
    y: rowOf.get(region) ?? 0,
    label: `${region} ×${vms} VM${vms > 1 ? 's' : ''}`,
  }));
  const at = new Map(nodes.map((node) => [node.region, node]));
  const edges = plan.hops.map((hop) => {
    const from = at.get(hop.src);
    const to = at.get(hop.dst);
    return {
      x: from?.x ?? 0,
      y: from?.y ?? 0,
      x2: to?.x ?? 0,
      y2: to?.y ?? 0,
      mx: ((from?.x ?? 0) + (to?.x ?? 0)) / 2,
      my: ((from?.y ?? 0) + (to?.y ?? 0)) / 2,
      flow: hop.flowGbits,
      label: `${hop.flowGbits.toFixed(2)} Gbit/s, ${hop.connections} conn, $${hop.usdPerGb}/GB`,
    };
  });
  const maxColumn = Math.max(...nodes.map((node) => node.x));
  const minRow = Math.min(...nodes.map((node) => node.y));
  const maxRow = Math.max(...nodes.map((node) => node.y));
  const x = { field: 'x', type: 'quantitative' as const, axis: null, scale: { domain: [-0.4, maxColumn + 0.4] } };
  const y = { field: 'y', type: 'quantitative' as const, axis: null, scale: { domain: [maxRow + 0.6, minRow - 0.6] } };
  const c = plan.cost;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${plan.request.src} → ${plan.request.dst}: ${plan.throughputGbits.toFixed(3)} Gbit/s`,
      subtitle: `$${c.totalUsd.toFixed(4)} for ${plan.request.gbytes} GB (egress $${c.egressUsd.toFixed(4)}, VMs $${c.instanceUsd.toFixed(4)}); 1 Gbit = 2^30 bits`,
    },
    width: 240 * (maxColumn + 1),
    height: 110 * (maxRow - minRow + 1),
    background: 'white',
    layer: [
      {
        data: { values: edges },
        mark: { type: 'rule', color: '#4c78a8', opacity: 0.7 },
        encoding: {
          x,
          y,
          x2: { field: 'x2' },
          y2: { field: 'y2' },
          strokeWidth: { field: 'flow', type: 'quantitative', scale: { range: [1.5, 8] }, legend: null },
        },
      },
      {
        data: { values: edges },
        mark: { type: 'text', fontSize: 10, dy: -8, color: '#1f3b5a' },
        encoding: { x: { ...x, field: 'mx' }, y: { ...y, field: 'my' }, text: { field: 'label' } },
      },
      {
        data: { values: nodes },
        mark: { type: 'circle', size: 500, color: '#f58518', opacity: 1 },
        encoding: { x, y },
      },
      {
        data: { values: nodes },
        mark: { type: 'text', fontSize: 11, dy: 22, fontWeight: 'bold' },
        encoding: { x, y, text: { field: 'label' } },
      },
    ],
    config: { view: { stroke: null } },
  } as TopLevelSpec;
}

export function frontierSpec(points: readonly FrontierPoint[], title: string, gbytes: number): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: 'min-cost plan at each throughput; missing points are infeasible at this instance limit' },
    width: 480,
    height: 300,
    background: 'white',
    data: {
      values: points
        .filter((point) => point.feasible)
        .map((point) => ({ route: point.route, throughput: point.throughputGbits, costPerGb: (point.costTotal as number) / gbytes })),
    },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'throughput', type: 'quantitative', title: 'Throughput (Gbit/s, 1 Gbit = 2^30 bits)' },
      y: { field: 'costPerGb', type: 'quantitative', title: 'Cost (USD per GB)', scale: { zero: false } },
      color: { field: 'route', type: 'nominal', title: 'Route' },
      shape: { field: 'route', type: 'nominal', title: 'Route' },
      // Where the overlay is the direct path, the lines coincide: dashes keep both visible.
      strokeDash: { field: 'route', type: 'nominal', title: 'Route', scale: { domain: ['overlay', 'direct'], range: [[1, 0], [6, 4]] } },
    },
  };
}
