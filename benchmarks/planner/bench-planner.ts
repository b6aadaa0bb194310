/**
 * Transfer planner benchmark (issue 17).
 *
 *   npx tsx benchmarks/planner/bench-planner.ts solve-time [--process N]   # every reference case, HiGHS and GLPK
 *   npx tsx benchmarks/planner/bench-planner.ts overlay [--cost-every K]   # 20 regions, all ordered pairs, limits 1, 2, 4
 *
 * solve-time: per reference case, the planner's solve on HiGHS and on GLPK in one process, and for
 * N cases (default 12) the whole `strata transfer plan --json` process on HiGHS (start-up included).
 * overlay: per ordered pair and instance limit, the overlay's highest throughput and the cost of
 * the cheapest plan at it, against the direct path and RON's best relay (Skyplane's baselines).
 * Raw rows go to benchmarks/planner/out/*.json, the tables and the chart to stdout and out/.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { directBaseline, maxThroughputGbits, minCostPlan, planTransfer, providerOf, regionIndex, ronBaseline, SKYPLANE_CONSTANTS } from '../../libs/transfer/src/planner/index.js';
import { loadProfile } from '../../libs/transfer/src/planner-io/index.js';
import { renderSvg } from '../../libs/transfer/src/planner-io/plan-charts.js';

const OUT = join(import.meta.dirname, 'out');
const REPO = join(import.meta.dirname, '../..');
mkdirSync(OUT, { recursive: true });

function machine(): string {
  const [one, five, fifteen] = loadavg().map((value) => value.toFixed(1));
  return `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(1)} free), Node ${process.version}; load average ${one} / ${five} / ${fifteen} at ${new Date().toISOString()}`;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

async function solveTime(processCases: number): Promise<void> {
  const reference = JSON.parse(readFileSync(join(REPO, '../shared/data/skyplane/generated_ilp_min_cost_reference.json'), 'utf8'));
  const profile = await loadProfile();
  process.stdout.write(`solve-time start: ${machine()}\n`);
  const rows: { case: string; backend: string; seconds: number; feasible: boolean }[] = [];
  for (const backend of ['highs', 'glpk'] as const) {
    for (const c of reference.cases) {
      const started = performance.now();
      const plan = await planTransfer(
        profile,
        { src: c.src, dst: c.dst, throughputGbits: c.required_throughput_gbits, instanceLimit: c.instance_limit, gbytes: 1, objective: 'min-cost' },
        { backend },
      );
      const seconds = (performance.now() - started) / 1000;
      if (plan.feasible !== c.feasible) throw new Error(`feasibility differs from the reference for ${c.src} -> ${c.dst}`);
      rows.push({ case: `${c.src}>${c.dst}@${c.instance_limit}/${c.required_throughput_gbits}`, backend, seconds, feasible: plan.feasible });
    }
  }
  const processRows: { case: string; seconds: number }[] = [];
  const step = Math.max(1, Math.floor(reference.cases.length / processCases));
  for (let k = 0; k < reference.cases.length && processRows.length < processCases; k += step) {
    const c = reference.cases[k];
    const args = ['transfer', 'plan', '--src', c.src, '--dst', c.dst, '--throughput', String(c.required_throughput_gbits), '--instance-limit', String(c.instance_limit), '--json'];
    const started = performance.now();
    execFileSync(process.execPath, [join(REPO, 'apps/strata/bin/strata.mjs'), ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
    processRows.push({ case: `${c.src}>${c.dst}@${c.instance_limit}/${c.required_throughput_gbits}`, seconds: (performance.now() - started) / 1000 });
  }
  writeFileSync(join(OUT, 'solve-time.json'), JSON.stringify({ machineAtEnd: machine(), rows, processRows }, null, 1));
  const lines = ['| backend | cases | feasible | infeasible | median s | p90 s | max s |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const backend of ['highs', 'glpk']) {
    for (const feasible of [true, false, undefined]) {
      const mine = rows.filter((r) => r.backend === backend && (feasible === undefined || r.feasible === feasible));
      const sorted = mine.map((r) => r.seconds).sort((a, b) => a - b);
      const label = feasible === undefined ? 'all' : feasible ? 'feasible only' : 'infeasible only (+ largest-throughput solve)';
      lines.push(`| ${backend} (${label}) | ${mine.length} | | | ${quantile(sorted, 0.5).toFixed(2)} | ${quantile(sorted, 0.9).toFixed(2)} | ${(sorted.at(-1) as number).toFixed(2)} |`);
    }
  }
  const wall = processRows.map((r) => r.seconds).sort((a, b) => a - b);
  lines.push(`| strata process, HiGHS (start-up included) | ${wall.length} | | | ${quantile(wall, 0.5).toFixed(2)} | ${quantile(wall, 0.9).toFixed(2)} | ${(wall.at(-1) as number).toFixed(2)} |`);
  process.stdout.write(`${lines.join('\n')}\nsolve-time end: ${machine()}\n`);
}

/** 20 regions across the three clouds and five continents. */
const SUBSET = [
  'aws:us-east-1', 'aws:us-west-2', 'aws:eu-west-1', 'aws:eu-central-1', 'aws:ap-northeast-1', 'aws:ap-southeast-2', 'aws:sa-east-1',
  'gcp:us-central1-a', 'gcp:us-west1-a', 'gcp:europe-west1-b', 'gcp:europe-north1-a', 'gcp:asia-east1-a', 'gcp:asia-south1-a', 'gcp:australia-southeast1-a',
  'azure:eastus', 'azure:westus', 'azure:westeurope', 'azure:uksouth', 'azure:japaneast', 'azure:koreacentral',
];
const LIMITS = [1, 2, 4];

interface OverlayRow {
  src: string;
  dst: string;
  limit: number;
  overlayGbits: number;
  /** Cost of the cheapest plan at the overlay's highest throughput; null where not sampled. */
  overlayCostPerGb: number | null;
  directGbits: number;
  directCostPerGb: number;
  ronGbits: number;
  ronCostPerGb: number;
  seconds: number;
}

const rowKey = (row: { src: string; dst: string; limit: number }) => `${row.src}>${row.dst}@${row.limit}`;

/**
 * Throughput for every ordered pair and limit (an LP each); the cost at that throughput (a MILP
 * each, several times slower) for every `costEvery`-th pair. Rows of an earlier run in out/ are kept.
 */
async function overlay(costEvery: number): Promise<void> {
  const profile = await loadProfile();
  for (const region of SUBSET) regionIndex(profile, region, 'subset');
  process.stdout.write(`overlay start: ${machine()}\n`);
  const path = join(OUT, 'overlay.json');
  const earlier = new Map<string, OverlayRow>();
  try {
    for (const row of (JSON.parse(readFileSync(path, 'utf8')) as { rows: OverlayRow[] }).rows) earlier.set(rowKey(row), row);
  } catch {
    // no earlier run
  }
  const rows: OverlayRow[] = [];
  let pairIndex = 0;
  for (const src of SUBSET) {
    for (const dst of SUBSET) {
      if (src === dst) continue;
      const withCost = pairIndex++ % costEvery === 0;
      for (const limit of LIMITS) {
        const kept = earlier.get(rowKey({ src, dst, limit }));
        if (kept && (kept.overlayCostPerGb !== null || !withCost)) {
          rows.push(kept);
          continue;
        }
        const started = performance.now();
        const shape = { src: regionIndex(profile, src, 'src'), dst: regionIndex(profile, dst, 'dst'), instanceLimit: limit };
        const best = await maxThroughputGbits(profile, shape);
        const at = Math.floor(best * (1 - 1e-9) * 1e6) / 1e6;
        const plan = withCost ? await minCostPlan(profile, shape, at, 1) : null;
        if (withCost && plan === null) throw new Error(`no plan at the highest throughput for ${src} -> ${dst}`);
        const pair = { profile, constants: SKYPLANE_CONSTANTS, src: shape.src, dst: shape.dst, instanceLimit: limit, gbytes: 1 };
        const direct = directBaseline(pair);
        const ron = ronBaseline(pair);
        rows.push({
          src,
          dst,
          limit,
          overlayGbits: at,
          overlayCostPerGb: plan ? plan.costEgress + plan.costInstance : null,
          directGbits: direct.throughputGbits,
          directCostPerGb: direct.costTotal,
          ronGbits: ron.throughputGbits,
          ronCostPerGb: ron.costTotal,
          seconds: (performance.now() - started) / 1000,
        });
      }
    }
    writeFileSync(path, JSON.stringify({ subset: SUBSET, rows }, null, 1));
    process.stdout.write(`${src}: ${rows.length} rows\n`);
  }
  writeFileSync(path, JSON.stringify({ subset: SUBSET, machineAtEnd: machine(), rows }, null, 1));
  process.stdout.write(`overlay end: ${machine()}\n`);
  await report();
}

const cloudOf = (region: string) => region.split(':')[0] as string;

/**
 * Skyplane's baselines do not apply the per-VM network limits the overlay obeys (an AWS VM sends at
 * most 5 Gbit/s). Capped: the same path at the limits of the VMs it runs on, the fair comparison.
 */
function capped(row: OverlayRow, via: string | null, baselineGbits: number): number {
  const limits = SKYPLANE_CONSTANTS.vmLimitsGbits;
  const egress = (region: string) => limits[providerOf(region)][0] * row.limit;
  const ingress = (region: string) => limits[providerOf(region)][1] * row.limit;
  const caps = [baselineGbits, egress(row.src), ingress(row.dst)];
  if (via) caps.push(ingress(via), egress(via));
  return Math.min(...caps);
}

/** Tables and the speedup CDF from out/overlay.json. */
async function report(): Promise<void> {
  const { rows } = JSON.parse(readFileSync(join(OUT, 'overlay.json'), 'utf8')) as { rows: OverlayRow[] };
  const profile = await loadProfile();
  const relayOf = new Map<string, string | null>();
  for (const row of rows) {
    const pair = { profile, constants: SKYPLANE_CONSTANTS, src: regionIndex(profile, row.src, 'src'), dst: regionIndex(profile, row.dst, 'dst'), instanceLimit: 1, gbytes: 1 };
    const path = ronBaseline(pair).path;
    relayOf.set(`${row.src}>${row.dst}`, path.length > 2 ? (path[1] as string) : null);
  }
  const lines = [
    '| instance limit | pairs | overlay > direct by >5% | median speedup vs direct | p90 | max | overlay > capped direct by >5% | median vs capped direct | p90 | max | overlay > capped RON by >5% | median vs capped RON | pairs with cost | median cost ratio vs direct | max cost ratio |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const limit of LIMITS) {
    for (const scope of ['all', 'intra-cloud', 'inter-cloud'] as const) {
      const mine = rows.filter(
        (r) => r.limit === limit && (scope === 'all' || (scope === 'intra-cloud') === (cloudOf(r.src) === cloudOf(r.dst))),
      );
      const sorted = (values: number[]) => values.sort((a, b) => a - b);
      const speedups = sorted(mine.map((r) => r.overlayGbits / r.directGbits));
      const vsCapped = sorted(mine.map((r) => r.overlayGbits / capped(r, null, r.directGbits)));
      const vsRon = sorted(mine.map((r) => r.overlayGbits / capped(r, relayOf.get(`${r.src}>${r.dst}`) ?? null, r.ronGbits)));
      const cost = sorted(mine.filter((r) => r.overlayCostPerGb !== null).map((r) => (r.overlayCostPerGb as number) / r.directCostPerGb));
      const share = (values: number[]) => `${((100 * values.filter((v) => v > 1.05).length) / values.length).toFixed(0)}%`;
      const x = (value: number) => `${value.toFixed(2)}×`;
      lines.push(
        `| ${limit} (${scope}) | ${mine.length} | ${share(speedups)} | ${x(quantile(speedups, 0.5))} | ${x(quantile(speedups, 0.9))} | ${x(speedups.at(-1) as number)} | ${share(vsCapped)} | ${x(quantile(vsCapped, 0.5))} | ${x(quantile(vsCapped, 0.9))} | ${x(vsCapped.at(-1) as number)} | ${share(vsRon)} | ${x(quantile(vsRon, 0.5))} | ${cost.length} | ${cost.length ? x(quantile(cost, 0.5)) : '—'} | ${cost.length ? x(cost.at(-1) as number) : '—'} |`,
      );
    }
  }
  const seconds = rows.filter((r) => r.overlayCostPerGb === null).map((r) => r.seconds).sort((a, b) => a - b);
  const costed = rows.filter((r) => r.overlayCostPerGb !== null).map((r) => r.seconds).sort((a, b) => a - b);
  lines.push('', `Per pair and limit, HiGHS: throughput only (LP) median ${seconds.length ? quantile(seconds, 0.5).toFixed(2) : '—'} s; with the cost (LP + min-cost MILP) median ${costed.length ? quantile(costed, 0.5).toFixed(2) : '—'} s.`);
  writeFileSync(join(OUT, 'overlay.md'), `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
  const values = LIMITS.flatMap((limit) => {
    const speedups = rows.filter((r) => r.limit === limit).map((r) => r.overlayGbits / r.directGbits).sort((a, b) => a - b);
    return speedups.map((speedup, k) => ({ limit: `${limit} VM${limit > 1 ? 's' : ''} per region`, speedup, fraction: (k + 1) / speedups.length }));
  });
  const svg = await renderSvg({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Overlay throughput speedup over the direct path (CDF)', subtitle: `${SUBSET.length} regions, every ordered pair, Skyplane's profile` },
    width: 480,
    height: 300,
    background: 'white',
    data: { values },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 'speedup', type: 'quantitative', title: 'Speedup (overlay / direct throughput)', scale: { type: 'log' } },
      y: { field: 'fraction', type: 'quantitative', title: 'Fraction of pairs' },
      color: { field: 'limit', type: 'nominal', title: 'Instance limit' },
    },
  });
  writeFileSync(join(import.meta.dirname, 'speedup-cdf.svg'), svg);
}

const [mode, flag, value] = process.argv.slice(2);
if (mode === 'solve-time') await solveTime(flag === '--process' ? Number(value) : 12);
else if (mode === 'overlay') await overlay(flag === '--cost-every' ? Number(value) : 1);
else if (mode === 'report') await report();
else {
  process.stderr.write('usage: bench-planner.ts solve-time [--process N] | overlay [--cost-every K] | report\n');
  process.exit(2);
}
