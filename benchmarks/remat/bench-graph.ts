/**
 * One graph of the remat benchmark, run as its own process by run.ts (a solver that runs out of
 * memory takes only this graph down). Plans every solver at every budget and writes one JSON row
 * per plan to the file named by --out, rewriting it after each row so a crash keeps what was done.
 *
 * npx tsx benchmarks/remat/bench-graph.ts --graph FILE --out FILE [--budgets 100,90,80,70,60]
 *   [--milp-time-limit 60] [--solvers milp:highs,milp:glpk,lp-round:highs,greedy-remat,chen-sqrtn,...]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadGraphFile, toTopoGraph } from '@strata/graph';
import { noRematPeak, planRemat, plannerIds, type PlannerId } from '@strata/remat';
import type { BackendName } from '@strata/solver';

export interface BenchRow {
  graph: string;
  nodes: number;
  edges: number;
  budgetPercent: number;
  budgetBytes: number;
  noRematPeakBytes: number;
  solver: string;
  backend: string | null;
  timeLimitSeconds: number | null;
  feasible: boolean | null;
  optimal: boolean | null;
  status: string;
  cost: number | null;
  baselineCost: number | null;
  overhead: number | null;
  lowerBound: number | null;
  gap: number | null;
  peakBytes: number | null;
  /** Simulator peak ≤ budget (planRemat throws otherwise, recorded as an error row). */
  peakWithinBudget: boolean | null;
  solveSeconds: number | null;
  wallSeconds: number;
  /** What the planner ran, when it says (the MILP planner: heuristic, build, solve, retry). */
  detail?: string;
  error?: string;
}

const { values } = parseArgs({
  options: {
    graph: { type: 'string' },
    out: { type: 'string' },
    budgets: { type: 'string', default: '100,90,80,70,60' },
    'milp-time-limit': { type: 'string', default: '60' },
    solvers: {
      type: 'string',
      default:
        'checkpoint-all,checkpoint-last,chen-sqrtn,chen-greedy,revolve,greedy-remat,milp:highs,lp-round:highs,milp:glpk',
    },
  },
});
if (values.graph === undefined || values.out === undefined)
  throw new Error('--graph and --out are required');
const outPath = values.out;
const timeLimit = Number(values['milp-time-limit']);

const graph = await loadGraphFile(values.graph);
const topo = toTopoGraph(graph);
const peak = noRematPeak(topo);
const rows: BenchRow[] = [];
const registered = new Set<string>(plannerIds());

// Solver by solver (fast ones first in the default list), so a slow backend delays nothing else.
for (const entry of values.solvers.split(',')) {
  for (const percent of values.budgets.split(',').map(Number)) {
    const [solver, backend] = entry.split(':') as [PlannerId, BackendName | undefined];
    const exact = solver === 'milp' || solver === 'lp-round';
    const base = {
      graph: graph.name,
      nodes: topo.size,
      edges: topo.edges.length,
      budgetPercent: percent,
      budgetBytes: Math.floor((peak * percent) / 100),
      noRematPeakBytes: peak,
      solver,
      backend: backend ?? null,
      timeLimitSeconds: exact ? timeLimit : null,
    };
    const started = performance.now();
    let row: BenchRow;
    if (!registered.has(solver)) {
      row = {
        ...base,
        feasible: null,
        optimal: null,
        status: 'not-registered',
        cost: null,
        baselineCost: null,
        overhead: null,
        lowerBound: null,
        gap: null,
        peakBytes: null,
        peakWithinBudget: null,
        solveSeconds: null,
        wallSeconds: 0,
      };
    } else {
      try {
        const plan = await planRemat(topo, {
          budget: `${percent}%`,
          solver,
          backend,
          timeLimitSeconds: exact ? timeLimit : undefined,
        });
        row = {
          ...base,
          backend: plan.backend ?? base.backend,
          feasible: plan.feasible,
          optimal: plan.optimal,
          status: plan.status,
          cost: plan.cost,
          baselineCost: plan.baselineCost,
          overhead: plan.overhead,
          lowerBound: plan.lowerBound,
          gap: plan.gap,
          peakBytes: plan.peakBytes,
          peakWithinBudget: plan.peakBytes === null ? null : plan.peakBytes <= plan.budgetBytes,
          solveSeconds: plan.solveSeconds,
          wallSeconds: (performance.now() - started) / 1000,
          ...(plan.detail !== undefined && { detail: plan.detail }),
        };
      } catch (error) {
        row = {
          ...base,
          feasible: null,
          optimal: null,
          status: 'error',
          cost: null,
          baselineCost: null,
          overhead: null,
          lowerBound: null,
          gap: null,
          peakBytes: null,
          peakWithinBudget: null,
          solveSeconds: null,
          wallSeconds: (performance.now() - started) / 1000,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        };
      }
    }
    rows.push(row);
    writeFileSync(outPath, `${JSON.stringify(rows, null, 1)}\n`);
    process.stderr.write(
      `${graph.name} ${percent}% ${entry}: ${row.status} overhead=${row.overhead?.toFixed(4) ?? '-'} gap=${row.gap ?? '-'} ${row.wallSeconds.toFixed(1)}s\n`,
    );
  }
}
