/**
 * One overhead-against-budget SVG per graph (like Checkmate's Figure 5), drawn with the sweep's
 * vega-lite chart: benchmark rows become sweep rows, one line per solver[:backend].
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderSvg, sweepChartSpec, type SweepRow } from '@strata/remat';
import type { BenchRow } from './bench-graph.js';

export const MAX_OVERHEAD = 2;

export async function writeCharts(
  rows: readonly BenchRow[],
  dir: string,
): Promise<Map<string, string>> {
  mkdirSync(dir, { recursive: true });
  const files = new Map<string, string>();
  for (const graph of new Set(rows.map((r) => r.graph))) {
    // Points above MAX_OVERHEAD (checkpoint-last's 7-440x) would flatten every other line.
    const ofGraph = rows.filter(
      (r) => r.graph === graph && r.feasible === true && (r.overhead ?? Infinity) <= MAX_OVERHEAD,
    );
    const first = rows.find((r) => r.graph === graph)!;
    const sweepRows = ofGraph.map((r): SweepRow => ({
      // A line per solver and backend; the chart only reads solver, budgetPercent and overhead.
      solver: (r.backend && r.solver === 'milp'
        ? `milp:${r.backend}`
        : r.solver) as SweepRow['solver'],
      budget: `${r.budgetPercent}%`,
      budgetBytes: r.budgetBytes,
      budgetPercent: r.budgetPercent,
      feasible: true,
      optimal: r.optimal ?? false,
      status: r.status,
      cost: r.cost,
      baselineCost: r.baselineCost ?? 0,
      overhead: r.overhead,
      peakBytes: r.peakBytes,
      gap: r.gap,
      solveSeconds: r.solveSeconds ?? 0,
      backend: r.backend,
    }));
    const spec = sweepChartSpec({
      graph,
      nodes: first.nodes,
      noRematPeakBytes: first.noRematPeakBytes,
      rows: sweepRows,
    });
    const file = path.join(
      dir,
      `${graph.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/_+$/, '')}.svg`,
    );
    writeFileSync(file, await renderSvg(spec));
    files.set(graph, file);
  }
  return files;
}
