/**
 * Issue 4's chain check: on Checkmate's linear chains (unit costs and sizes, 2n+1 nodes), at every
 * budget from 1 slot up to the no-remat peak, the MILP optimum (HiGHS) must equal the exact oracle's
 * (libs/remat/src/oracle, an A* search over resident sets that shares no code with the MILP). Every
 * MILP plan is replayed by the simulator. Writes chain-oracle.md and chain-oracle.json here.
 *
 * npx tsx benchmarks/remat/chain-oracle.ts [--from 8] [--to 16] [--time-limit 600] [--resume]
 *   [--retry-unproven] [--render-only] (--resume keeps the rows and runs of chain-oracle.json and
 *   runs only the missing (n, budget) pairs, so a run for one n merges with the others; without it
 *   the files are rewritten from this run alone; --retry-unproven also reruns, within --from..--to,
 *   the pairs whose MILP hit its limit, keeping the earlier attempt in the row; --render-only
 *   rewrites chain-oracle.md from chain-oracle.json)
 *
 * "match": the MILP proved optimal and its simulated cost equals the oracle's (or both say
 * infeasible); "unproven" when the MILP hit its time limit (a bigger limit may still match).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { linearChain, toTopoGraph } from '@strata/graph';
import { milpPlanner, noRematPeak, simulate } from '@strata/remat';
import { exactOptimum } from '../../libs/remat/src/oracle/exact.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    from: { type: 'string', default: '8' },
    to: { type: 'string', default: '16' },
    'time-limit': { type: 'string', default: '600' },
    resume: { type: 'boolean', default: false },
    'retry-unproven': { type: 'boolean', default: false },
    'render-only': { type: 'boolean', default: false },
  },
});

interface ChainRow {
  n: number;
  nodes: number;
  budget: number;
  oracleCost: number | null;
  oracleSeconds: number;
  oracleStates: number | null;
  milpStatus: string;
  milpCost: number | null;
  milpSeconds: number;
  simulatedPeak: number | null;
  match: boolean;
  /** Simulated cost of the MILP's plan and the solver's lower bound, also when not proven optimal. */
  milpPlanCost?: number | null;
  milpLowerBound?: number | null;
  /** The run (its start date) that produced this row; absent before it was recorded. */
  runDate?: string;
  /** Earlier runs of this pair whose MILP hit its time limit (--retry-unproven). */
  earlierAttempts?: { milpStatus: string; milpSeconds: number; milpTimeLimitSeconds?: number }[];
}

const unproven = (r: ChainRow): boolean =>
  !r.match && (r.milpStatus === 'feasible' || r.milpStatus === 'time_limit');

const loadAverage = (): number[] => os.loadavg().map((x) => Number(x.toFixed(1)));
const timeLimitSeconds = Number(values['time-limit']);
interface Run {
  cpu: string;
  cores: number;
  node: string;
  date: string;
  loadAverageAtStart: number[];
  /** Absent in the runs before it was recorded (300 to 700 s, see the git history). */
  milpTimeLimitSeconds?: number;
  chains?: string;
  /** Load average when this run last wrote a row (its end, once finished). */
  loadAverageAtLastRow?: number[];
  lastRowDate?: string;
}
const machine: Run = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  node: process.version,
  date: new Date().toISOString(),
  loadAverageAtStart: loadAverage(),
  milpTimeLimitSeconds: timeLimitSeconds,
  chains: `n = ${values.from}..${values.to}`,
};
let rows: ChainRow[] = [];
const jsonPath = path.join(here, 'chain-oracle.json');
// Each run records its own machine line; resumed rows keep theirs.
const runs: Run[] = [machine];
if ((values.resume || values['render-only']) && existsSync(jsonPath)) {
  const earlier = JSON.parse(readFileSync(jsonPath, 'utf8')) as {
    machine?: Run;
    runs?: Run[];
    rows: ChainRow[];
  };
  rows = earlier.rows;
  runs.splice(0, 1, ...(earlier.runs ?? (earlier.machine ? [earlier.machine] : [])));
  if (values.resume) runs.push(machine);
}
if (values['render-only']) {
  write();
  process.exit(0);
}

for (let n = Number(values.from); n <= Number(values.to); n++) {
  const topo = toTopoGraph(linearChain(n));
  let previous: number | undefined;
  for (let budget = 1; budget <= noRematPeak(topo); budget++) {
    let known = rows.find((r) => r.n === n && r.budget === budget);
    let earlierAttempts: ChainRow['earlierAttempts'];
    if (known !== undefined && values['retry-unproven'] && unproven(known)) {
      const retried = known;
      const limit = runs.find((m) => m.date === retried.runDate)?.milpTimeLimitSeconds;
      earlierAttempts = [
        ...(retried.earlierAttempts ?? []),
        {
          milpStatus: retried.milpStatus,
          milpSeconds: retried.milpSeconds,
          ...(limit !== undefined && { milpTimeLimitSeconds: limit }),
        },
      ];
      rows = rows.filter((r) => r !== retried);
      known = undefined;
    }
    if (known !== undefined) {
      if (known.oracleCost !== null) previous = known.oracleCost;
      continue;
    }
    let started = performance.now();
    const oracle = exactOptimum(
      topo,
      budget,
      previous === undefined ? {} : { upperBound: previous },
    );
    const oracleSeconds = (performance.now() - started) / 1000;
    if (oracle === 'gave-up') throw new Error(`oracle gave up at n=${n}, budget ${budget}`);
    started = performance.now();
    const milp = await milpPlanner(topo, budget, { backend: 'highs', timeLimitSeconds });
    const milpSeconds = (performance.now() - started) / 1000;
    const replay = milp.plan === null ? null : simulate(topo, milp.plan);
    if (replay !== null && (!replay.valid || replay.peakBytes > budget))
      throw new Error(`n=${n} budget ${budget}: the MILP plan fails the simulator`);
    const oracleCost = oracle?.cost ?? null;
    const milpCost = milp.optimal && replay !== null ? replay.cost : null;
    const match =
      oracle === null ? milp.status === 'infeasible' : milp.optimal && milpCost === oracleCost;
    if (oracle !== null) previous = oracle.cost;
    rows.push({
      n,
      nodes: topo.size,
      budget,
      oracleCost,
      oracleSeconds,
      oracleStates: oracle?.states ?? null,
      milpStatus: milp.status,
      milpCost,
      milpSeconds,
      simulatedPeak: replay?.peakBytes ?? null,
      match,
      milpPlanCost: replay?.cost ?? null,
      milpLowerBound: milp.lowerBound ?? null,
      runDate: machine.date,
      ...(earlierAttempts !== undefined && { earlierAttempts }),
    });
    process.stderr.write(
      `n=${n} budget=${budget}: oracle ${oracleCost ?? 'infeasible'} (${oracleSeconds.toFixed(2)} s) milp ${milp.status} ${milpCost ?? '-'} (${milpSeconds.toFixed(2)} s) ${match ? 'match' : 'no match'}\n`,
    );
    write();
  }
}

function write(): void {
  machine.loadAverageAtLastRow = loadAverage();
  machine.lastRowDate = new Date().toISOString();
  rows.sort((a, b) => a.n - b.n || a.budget - b.budget);
  writeFileSync(jsonPath, `${JSON.stringify({ runs, rows }, null, 1)}\n`);
  const verdict = (r: ChainRow): string => (r.match ? 'yes' : unproven(r) ? 'unproven' : 'NO');
  const feasible = rows.filter((r) => r.oracleCost !== null);
  const slowest = rows.reduce<ChainRow | undefined>(
    (worst, r) => (worst === undefined || r.milpSeconds > worst.milpSeconds ? r : worst),
    undefined,
  );
  // A chain is complete when every budget from 1 to its no-remat peak has a row.
  const coverage = [...new Set(rows.map((r) => r.n))].map((n) => {
    const budgets = noRematPeak(toTopoGraph(linearChain(n)));
    const done = rows.filter((r) => r.n === n).length;
    return { n, budgets, done, complete: done === budgets };
  });
  const complete = coverage.filter((c) => c.complete).map((c) => c.n);
  const partial = coverage.filter((c) => !c.complete);
  const runLine = (m: Run): string =>
    [
      `Run ${m.date}${m.chains ? ` (${m.chains})` : ''}: ${m.cpu}, ${m.cores} cores, Node ${m.node}`,
      `MILP limit ${m.milpTimeLimitSeconds === undefined ? 'not recorded (300 to 700 s)' : `${m.milpTimeLimitSeconds} s`} per budget`,
      `load average at start ${m.loadAverageAtStart.join(' / ')}${m.loadAverageAtLastRow ? `, at its last row (${m.lastRowDate}) ${m.loadAverageAtLastRow.join(' / ')}` : ''} (machine shared with other work).`,
    ].join('; ');
  // An unproven row shows what the MILP had when it stopped: its plan's cost and its lower bound.
  const milpCostCell = (r: ChainRow): string =>
    r.milpCost !== null
      ? `${r.milpCost}`
      : r.milpPlanCost != null
        ? `plan ${r.milpPlanCost}, bound ${r.milpLowerBound ?? '—'}`
        : '—';
  const retried = rows.filter((r) => r.earlierAttempts !== undefined);
  const retriedLines =
    retried.length === 0
      ? []
      : [
          '',
          'Pairs rerun with a longer MILP limit after it ran out (--retry-unproven); the row above is the rerun:',
          '',
          ...retried.map(
            (r) =>
              `- n = ${r.n}, budget ${r.budget}: ${(r.earlierAttempts ?? [])
                .map(
                  (a) =>
                    `${a.milpStatus} after ${a.milpSeconds.toFixed(1)} s${a.milpTimeLimitSeconds === undefined ? '' : ` (limit ${a.milpTimeLimitSeconds} s)`}`,
                )
                .join('; ')}; then ${r.milpStatus} after ${r.milpSeconds.toFixed(1)} s.`,
          ),
        ];
  const lines = [
    '# Linear chains: Checkmate MILP vs exact oracle',
    '',
    ...runs.map(runLine),
    '',
    'Checkmate linear chains (n forward nodes, a loss, n backward nodes; unit costs and sizes). Budget in slots (values), from 1 to the no-remat peak; the smallest feasible budget is 3.',
    'MILP: HiGHS, plan replayed by the simulator. Oracle: A* over (stage, resident set) in libs/remat/src/oracle (no code shared with the MILP).',
    '',
    `Summary: ${rows.filter((r) => r.match).length} of ${rows.length} (n, budget) pairs match (${feasible.length} feasible), ${rows.filter((r) => verdict(r) === 'unproven').length} unproven (MILP time limit), ${rows.filter((r) => verdict(r) === 'NO').length} mismatches; n = ${complete.length > 0 ? `${complete.join(', ')} at every budget` : 'none complete'}${partial.map((c) => `; PARTIAL n = ${c.n}: ${c.done} of ${c.budgets} budgets so far`).join('')}.${slowest ? ` Slowest MILP: ${slowest.milpSeconds.toFixed(1)} s (n = ${slowest.n}, budget ${slowest.budget}).` : ''}`,
    '',
    '| n | nodes | budget | oracle cost | MILP cost | MILP status | match | simulated peak | oracle s | oracle states | MILP s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.n} | ${r.nodes} | ${r.budget} | ${r.oracleCost ?? 'infeasible'} | ${milpCostCell(r)} | ${r.milpStatus} | ${verdict(r)} | ${r.simulatedPeak ?? '—'} | ${r.oracleSeconds.toFixed(2)} | ${r.oracleStates ?? '—'} | ${r.milpSeconds.toFixed(2)} |`,
    ),
    ...retriedLines,
  ];
  writeFileSync(path.join(here, 'chain-oracle.md'), `${lines.join('\n')}\n`);
}
