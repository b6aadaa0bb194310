import type { TopLevelSpec } from 'vega-lite';
import type { SweepResult, SweepRow } from './run-sweep.js';

const COLUMNS: (keyof SweepRow)[] = [
  'solver',
  'budget',
  'budgetBytes',
  'budgetPercent',
  'feasible',
  'optimal',
  'status',
  'cost',
  'baselineCost',
  'overhead',
  'peakBytes',
  'gap',
  'solveSeconds',
  'backend',
];

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function sweepCsv(result: SweepResult): string {
  const lines = [COLUMNS.join(',')];
  for (const row of result.rows)
    lines.push(COLUMNS.map((column) => csvCell(row[column])).join(','));
  return `${lines.join('\n')}\n`;
}

/** Overhead per budget (rows) and solver (columns); '—' where a solver has no plan. */
export function sweepMarkdown(result: SweepResult): string {
  const solvers = [...new Set(result.rows.map((row) => row.solver))];
  const budgets = [...new Set(result.rows.map((row) => row.budget))];
  const cell = (solver: string, budget: string) => {
    const row = result.rows.find((r) => r.solver === solver && r.budget === budget);
    if (row === undefined || !row.feasible || row.overhead === null)
      return row?.status === 'not-applicable' ? 'n/a' : '—';
    return `${row.overhead.toFixed(3)}×${row.optimal ? '' : row.gap !== null ? ` (gap ${(100 * row.gap).toFixed(1)}%)` : ''}`;
  };
  const percentOf = (budget: string) => {
    const row = result.rows.find((r) => r.budget === budget);
    return row === undefined || budget.endsWith('%') ? '' : ` (${row.budgetPercent.toFixed(1)}%)`;
  };
  const lines = [
    `# Overhead against memory budget: ${result.graph}`,
    '',
    `${result.nodes} nodes; no-remat peak ${result.noRematPeakBytes} bytes. Overhead = cost / cost without recomputation; — = no plan within the budget, n/a = solver not applicable.`,
    '',
    `| budget | ${solvers.join(' | ')} |`,
    `| --- | ${solvers.map(() => '---').join(' | ')} |`,
    ...budgets.map(
      (budget) =>
        `| ${budget}${percentOf(budget)} | ${solvers.map((s) => cell(s, budget)).join(' | ')} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** Overhead against budget per solver, as Checkmate's Figure 5 draws it; infeasible points are left out. */
export function sweepChartSpec(result: SweepResult): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${result.graph}: overhead against memory budget`, fontSize: 13 },
    width: 480,
    height: 300,
    background: 'white',
    data: {
      values: result.rows
        .filter((row) => row.feasible)
        .map((row) => ({
          solver: row.solver,
          budgetPercent: row.budgetPercent,
          overhead: row.overhead,
        })),
    },
    mark: { type: 'line', point: true, interpolate: 'linear' },
    encoding: {
      x: {
        field: 'budgetPercent',
        type: 'quantitative',
        title: 'Memory budget (% of no-remat peak)',
      },
      y: { field: 'overhead', type: 'quantitative', title: 'Overhead (×)', scale: { zero: false } },
      color: { field: 'solver', type: 'nominal', title: 'Solver' },
      shape: { field: 'solver', type: 'nominal', title: 'Solver' },
    },
  };
}

export { renderSvg } from '@strata/cli/charts';
