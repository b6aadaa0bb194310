/**
 * The remat benchmark (issue 4's "must show"): for every *_train_nx graph in
 * ../shared/data/checkmate-graphs at 100/90/80/70/60% of the no-remat peak, the MILP on HiGHS and
 * GLPK (time-limited), LP rounding and every baseline, each plan checked by the simulator; and
 * random_layered_n1000 with a 60 s limit. Each graph runs in its own process (bench-graph.ts).
 *
 * Run from the repo root: npx tsx benchmarks/remat/run.ts [--milp-time-limit 60] [--only NAME]
 *   [--skip-done] [--parallel N] (N graphs at once; solves are single-threaded)
 *   [--solvers LIST] (the *_train_nx graphs' solver list, default bench-graph.ts's)
 *   [--keep-from FILE --keep LIST] (rows of these solver[:backend] entries, e.g. milp:glpk, are
 *   copied from an earlier results.json when this run does not produce them, marked with that run's
 *   date: a partial rerun keeps what it did not redo). Writes benchmarks/remat/results.json and
 *   results.md (and per-graph files in benchmarks/remat/rows/ while it runs), and at the end one
 *   overhead-against-budget SVG per graph in benchmarks/remat/charts/. --aggregate-only redoes
 *   results.* and the charts from rows/ (keeping the machine and processes of results.json).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchRow } from './bench-graph.js';
import { MAX_OVERHEAD, writeCharts } from './charts.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const sharedDir = process.env.STRATA_SHARED_DIR ?? path.join(repoRoot, '..', 'shared');
const graphsDir = path.join(sharedDir, 'data', 'checkmate-graphs');
const rowsDir = path.join(here, 'rows');

const { values } = parseArgs({
  options: {
    'milp-time-limit': { type: 'string', default: '60' },
    only: { type: 'string' },
    'skip-done': { type: 'boolean', default: false },
    parallel: { type: 'string', default: '1' },
    solvers: { type: 'string' },
    'keep-from': { type: 'string' },
    keep: { type: 'string', default: '' },
    'aggregate-only': { type: 'boolean', default: false },
  },
});

interface Job {
  file: string;
  /** Rows file name in rows/ (default: the graph file's name). */
  out?: string;
  budgets: string;
  solvers?: string;
  /** Wall-clock cap for the whole process (a model too large to build never returns). */
  timeoutSeconds: number;
}

// Smaller graphs first, so the numbers that matter most exist early; each graph's process gets a
// wall-clock cap well above its 15 time-limited solves.
const bySize = (f: string) => statSync(path.join(graphsDir, f)).size;
const trainGraphs = readdirSync(graphsDir)
  .filter((f) => f.endsWith('_train_nx.json'))
  .sort((a, b) => bySize(a) - bySize(b));
const randomLayered: Job = {
  file: readdirSync(graphsDir).find((f) => f.startsWith('random_layered_n1000'))!,
  budgets: '100,60',
  solvers:
    'checkpoint-all,checkpoint-last,chen-sqrtn,chen-greedy,revolve,greedy-remat,milp:highs,lp-round:highs',
  timeoutSeconds: 1800,
};
// At 100/60% a forward-only graph needs no recomputation (freeing values after their last use
// already fits: the liveness peak is 30% of Checkmate's checkpoint-all peak), so also below that.
const randomLayeredTight: Job = {
  ...randomLayered,
  out: randomLayered.file.replace('.json', '.tight.json'),
  budgets: '25,20,15,10',
  solvers: 'checkpoint-last,greedy-remat,milp:highs,lp-round:highs',
};
const trainJob = (file: string): Job => ({
  file,
  budgets: '100,90,80,70,60',
  ...(values.solvers !== undefined && { solvers: values.solvers }),
  timeoutSeconds: 2400,
});
const jobs: Job[] = [
  ...trainGraphs.slice(0, 2).map(trainJob),
  randomLayered,
  ...trainGraphs.slice(2).map(trainJob),
  randomLayeredTight,
].filter((job) => values.only === undefined || job.file.includes(values.only));

function runJob(
  job: Job,
): Promise<{ code: number | null; signal: string | null; stderr: string; seconds: number }> {
  const out = path.join(rowsDir, job.out ?? job.file);
  const args = [
    path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
    path.join(here, 'bench-graph.ts'),
    '--graph',
    path.join(graphsDir, job.file),
    '--out',
    out,
    '--budgets',
    job.budgets,
    '--milp-time-limit',
    values['milp-time-limit'],
    ...(job.solvers ? ['--solvers', job.solvers] : []),
  ];
  const started = performance.now();
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--max-old-space-size=12000', ...args],
      { cwd: repoRoot, timeout: job.timeoutSeconds * 1000, maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          signal: error?.signal ?? null,
          stderr,
          seconds: (performance.now() - started) / 1000,
        });
      },
    );
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  });
}

mkdirSync(rowsDir, { recursive: true });
const processes: Record<
  string,
  { code: number | null; signal: string | null; seconds: number; stderrTail: string }
> = {};
const machine: {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  date: string;
  parallelGraphs: number;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
} = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  date: new Date().toISOString(),
  parallelGraphs: Number(values.parallel),
  loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(1))),
};

// Rows kept from an earlier run (--keep-from/--keep), each marked with that run's date.
type KeptRow = BenchRow & { keptFromRun?: string };
const entryOf = (r: BenchRow): string =>
  r.backend && r.solver === 'milp' ? `milp:${r.backend}` : r.solver;
const keepEntries = new Set(values.keep.split(',').filter(Boolean));
const keptRows: KeptRow[] = [];
if (values['keep-from'] !== undefined) {
  const earlier = JSON.parse(readFileSync(values['keep-from'], 'utf8')) as {
    machine: { date: string };
    rows: BenchRow[];
  };
  for (const r of earlier.rows)
    if (keepEntries.has(entryOf(r))) keptRows.push({ ...r, keptFromRun: earlier.machine.date });
}
const rowKey = (r: BenchRow): string => `${r.graph}|${r.budgetPercent}|${entryOf(r)}`;

function collectRows(): KeptRow[] {
  const rows: KeptRow[] = [];
  for (const job of jobs) {
    const file = path.join(rowsDir, job.out ?? job.file);
    if (existsSync(file)) rows.push(...(JSON.parse(readFileSync(file, 'utf8')) as BenchRow[]));
  }
  const fresh = new Set(rows.map(rowKey));
  for (const r of keptRows) if (!fresh.has(rowKey(r))) rows.push(r);
  return rows;
}

/** Rewrites results.json and results.md from every graph's rows so far. */
function aggregate(charts = new Map<string, string>()): void {
  const rows = collectRows();
  const milpTimeLimitSeconds = Number(values['milp-time-limit']);
  writeFileSync(
    path.join(here, 'results.json'),
    `${JSON.stringify({ machine, milpTimeLimitSeconds, processes, rows }, null, 1)}\n`,
  );
  writeFileSync(path.join(here, 'results.md'), renderMarkdown(rows, machine, processes, charts));
}

const aggregateOnly = values['aggregate-only'];
const queue = jobs.filter(
  (job) =>
    !aggregateOnly && !(values['skip-done'] && existsSync(path.join(rowsDir, job.out ?? job.file))),
);
// A resumed run keeps what earlier runs recorded about their processes (and a re-aggregation, the machine).
const previous = path.join(here, 'results.json');
if ((values['skip-done'] || aggregateOnly) && existsSync(previous)) {
  const earlier = JSON.parse(readFileSync(previous, 'utf8')) as {
    processes: typeof processes;
    machine: typeof machine;
  };
  Object.assign(processes, earlier.processes);
  if (aggregateOnly) {
    Object.assign(machine, earlier.machine);
    // Run right after the benchmark it completes, this is still the load at its end.
    machine.loadAverageAtEnd ??= os.loadavg().map((x) => Number(x.toFixed(1)));
  }
}
const worker = async () => {
  for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
    process.stderr.write(`== ${job.out ?? job.file}\n`);
    const result = await runJob(job);
    processes[job.out ?? job.file] = {
      code: result.code,
      signal: result.signal,
      seconds: result.seconds,
      stderrTail: result.stderr.trim().split('\n').slice(-3).join('\n'),
    };
    aggregate();
  }
};
await Promise.all(Array.from({ length: Number(values.parallel) }, worker));
if (!aggregateOnly) machine.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(1)));
aggregate(await writeCharts(collectRows(), path.join(here, 'charts')));
process.stderr.write(`wrote ${path.join(here, 'results.md')}\n`);

function fmt(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined ? '—' : value.toFixed(digits);
}

function cell(row: KeptRow | undefined): string {
  if (row === undefined) return '(not run)';
  if (row.status === 'error') return `error`;
  if (row.status === 'not-registered') return 'n/r';
  if (row.status === 'not-applicable') return 'n/a';
  if (!row.feasible) return `— (${row.status})`;
  const check = row.peakWithinBudget ? '' : ' PEAK>BUDGET';
  return `${fmt(row.overhead)}${check}${row.keptFromRun ? ' †' : ''}`;
}

function renderMarkdown(
  all: KeptRow[],
  host: typeof machine,
  procs: typeof processes,
  charts: Map<string, string>,
): string {
  const lines: string[] = [
    '# Remat benchmark',
    '',
    `Machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB} GiB, Node ${host.node}, ${host.platform}; run ${host.date}; ${host.parallelGraphs} graph(s) at a time; load average (1/5/15 min) at start ${host.loadAverageAtStart.join(' / ')}${host.loadAverageAtEnd ? `, at end ${host.loadAverageAtEnd.join(' / ')}` : ''} (other work shared the machine, so wall times are inflated).`,
    `MILP and LP time limit: ${values['milp-time-limit']} s per solve. Budgets are % of the no-remat peak (the simulator's peak of Checkmate's checkpoint-all plan).`,
    'Overhead = simulated cost / Σ C_i. Every feasible plan was replayed by the simulator; "PEAK>BUDGET" would flag a plan over its budget (none should appear: planRemat throws instead, recorded as error).',
    ...(keptRows.length > 0
      ? [
          '',
          `† Not rerun: ${[...keepEntries].join(', ')} rows are copied from the run of ${keptRows[0]!.keptFromRun} (same script and machine type, "run" column in the MILP tables); every other row is from this run.`,
        ]
      : []),
    '',
  ];
  const graphs = [...new Set(all.map((r) => r.graph))];
  lines.push(...lpRoundSummary(all, graphs));
  for (const g of graphs) {
    const rowsOf = all.filter((r) => r.graph === g);
    const first = rowsOf[0]!;
    lines.push(
      `## ${g}`,
      '',
      `${first.nodes} nodes, ${first.edges} edges, no-remat peak ${first.noRematPeakBytes} bytes.`,
      '',
    );
    lines.push('### MILP (Checkmate §4)', '');
    lines.push(
      '| budget | backend | status | cost (objective) | overhead | lower bound | gap | solve s | wall s | peak ≤ budget | run |',
    );
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rowsOf.filter((x) => x.solver === 'milp' || x.solver === 'lp-round')) {
      lines.push(
        `| ${r.budgetPercent}% | ${r.solver === 'lp-round' ? 'lp-round/' : ''}${r.backend ?? '—'} | ${r.status}${r.error ? `: ${r.error.slice(0, 80)}` : ''} | ${r.cost ?? '—'} | ${fmt(r.overhead, 4)} | ${fmt(r.lowerBound, 1)} | ${r.gap === null ? '—' : `${(100 * r.gap).toFixed(2)}%`} | ${fmt(r.solveSeconds, 1)} | ${fmt(r.wallSeconds, 1)} | ${r.peakWithinBudget === null ? '—' : r.peakWithinBudget ? 'yes' : 'NO'} | ${r.keptFromRun ? `${r.keptFromRun.slice(0, 16)} †` : 'this'} |`,
      );
    }
    lines.push('', '### Overhead by solver', '');
    const chart = charts.get(g);
    if (chart !== undefined)
      lines.push(
        `![overhead against budget](${path.relative(here, chart)}) (points above ${MAX_OVERHEAD}× left out)`,
        '',
      );
    const solvers = [
      ...new Set(
        rowsOf.map((r) => (r.backend && r.solver === 'milp' ? `milp:${r.backend}` : r.solver)),
      ),
    ];
    lines.push(
      `| budget | ${solvers.join(' | ')} |`,
      `| --- | ${solvers.map(() => '---').join(' | ')} |`,
    );
    for (const percent of [...new Set(rowsOf.map((r) => r.budgetPercent))]) {
      const cells = solvers.map((s) =>
        cell(
          rowsOf.find(
            (r) =>
              r.budgetPercent === percent &&
              (r.solver === s || (`milp:${r.backend}` === s && r.solver === 'milp')),
          ),
        ),
      );
      lines.push(`| ${percent}% | ${cells.join(' | ')} |`);
    }
    const errors = rowsOf.filter((r) => r.error);
    if (errors.length > 0) {
      lines.push('', 'Errors:', '');
      for (const r of errors)
        lines.push(
          `- ${r.budgetPercent}% ${r.solver}${r.backend ? `:${r.backend}` : ''}: ${r.error}`,
        );
    }
    lines.push('');
  }
  lines.push(
    '## Processes',
    '',
    '| graph | exit | signal | seconds | last stderr |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const [file, p] of Object.entries(procs)) {
    lines.push(
      `| ${file} | ${p.code ?? '—'} | ${p.signal ?? '—'} | ${p.seconds.toFixed(0)} | ${p.stderrTail.replaceAll('\n', ' / ').replaceAll('|', '\\|').slice(0, 200)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Issue 4's LP-rounding target (within 5% of the MILP optimum): per graph and budget below 100%, LP
 * rounding's cost against the best MILP plan of this table (either backend; 'optimal' when proven).
 */
function lpRoundSummary(all: KeptRow[], graphs: string[]): string[] {
  const lines = [
    '## LP rounding against the MILP',
    '',
    'Best MILP plan: the cheaper of HiGHS and GLPK; "proven" when one of them proved it optimal. Ratio = LP-rounding cost / best MILP cost. greedy-remat shown for comparison.',
    '',
    '| graph | budget | best MILP overhead | proven | LP rounding overhead | ratio | LP rounding status | greedy-remat overhead |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const g of graphs) {
    const rowsOf = all.filter((r) => r.graph === g && r.budgetPercent < 100);
    for (const percent of [...new Set(rowsOf.map((r) => r.budgetPercent))]) {
      const at = rowsOf.filter((r) => r.budgetPercent === percent);
      const milps = at.filter((r) => r.solver === 'milp' && r.feasible && r.cost !== null);
      const best = milps.sort((a, b) => a.cost! - b.cost!)[0];
      const lp = at.find((r) => r.solver === 'lp-round');
      const greedy = at.find((r) => r.solver === 'greedy-remat');
      const ratio =
        best !== undefined && lp?.feasible && lp.cost !== null ? fmt(lp.cost / best.cost!, 4) : '—';
      lines.push(
        `| ${g} | ${percent}% | ${fmt(best?.overhead, 4)} | ${best === undefined ? '—' : milps.some((r) => r.optimal) ? 'yes' : 'no'} | ${lp?.feasible ? fmt(lp.overhead, 4) : '—'} | ${ratio} | ${lp?.status ?? 'not run'} | ${greedy?.feasible ? fmt(greedy.overhead, 4) : '—'} |`,
      );
    }
  }
  lines.push('');
  return lines;
}
