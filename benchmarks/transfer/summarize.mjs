// Medians and ratios from timings.tsv (case, tool, run, seconds) as markdown tables.
import { readFileSync } from 'node:fs';

const rows = readFileSync(process.argv[2], 'utf8').trim().split('\n').map((line) => line.split('\t'));
const byCase = new Map();
for (const [name, tool, , seconds] of rows) {
  const key = `${name}\t${tool}`;
  if (!byCase.has(key)) byCase.set(key, []);
  byCase.get(key).push(Number(seconds));
}
const median = (values) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const med = (name, tool) => median(byCase.get(`${name}\t${tool}`) ?? []);
const fmt = (value, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const runsOf = (name, tool) => (byCase.get(`${name}\t${tool}`) ?? []).map((v) => fmt(v)).join(' / ');
// run.sh exports the data sizes (defaults: 1 GiB, 1000 × 100 KiB).
const BYTES = { '1g': Number(process.env.BIG_MIB ?? 1024) * 1024 ** 2, small: Number(process.env.SMALL_FILES ?? 1000) * 102400 };
// A second timings file (e.g. an earlier run with the ceiling and the sweep) fills in what this one skipped.
if (process.argv[3]) {
  for (const line of readFileSync(process.argv[3], 'utf8').trim().split('\n')) {
    const [name, tool, , seconds] = line.split('\t');
    if (!name.startsWith('ceiling-') && !name.startsWith('sweep-')) continue;
    const key = `${name}\t${tool}`;
    if (![...rows].some(([n, t]) => `${n}\t${t}` === key)) {
      if (!byCase.has(key)) byCase.set(key, []);
      byCase.get(key).push(Number(seconds));
    }
  }
}

console.log('| case | Strata s (runs) | Strata engine s | rclone s (runs) | aws-cli s (runs) | server ceiling s | multipart ceiling s | Strata MB/s | Strata/rclone | Strata/aws | Strata/ceiling | Strata/multipart ceiling |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const name of ['up-1g', 'down-1g', 'up-small', 'down-small']) {
  const size = name.endsWith('1g') ? BYTES['1g'] : BYTES.small;
  const strata = med(name, 'strata');
  const ceiling = med(`ceiling-${name}`, 'curl');
  const multipart = med(`ceiling-${name}-multipart`, 'curl');
  console.log(
    `| ${name} | ${fmt(strata)} (${runsOf(name, 'strata')}) | ${fmt(med(name, 'strata-engine'))} | ${fmt(med(name, 'rclone'))} (${runsOf(name, 'rclone')}) | ` +
      `${fmt(med(name, 'aws'))} (${runsOf(name, 'aws')}) | ${fmt(ceiling)} | ${fmt(multipart)} | ${fmt(size / 1e6 / strata, 1)} | ` +
      `${fmt(med(name, 'rclone') / strata)}x | ${fmt(med(name, 'aws') / strata)}x | ${fmt(ceiling / strata)} | ${fmt(multipart / strata)} |`,
  );
}
console.log('\nSpeed ratios are time(other) / time(Strata): above 1 means Strata is faster. Strata/ceiling is time(curl) / time(Strata): 1 means Strata runs at the server\'s own limit. The server ceiling is curl alone: for 1 GiB one PUT or GET of the whole object; for the small objects one curl process sending the 1000 PUTs or GETs 32 at a time over kept-alive connections (`--parallel`), the PUTs read the same files, the GETs write to `/dev/null`; the multipart ceiling (uploads only) is one multipart upload with curl, the same part size and parts in flight as Strata (`ceiling-multipart.sh`, create..complete).\n');
const ceilings = [...byCase.keys()].filter((key) => key.startsWith('ceiling-'));
if (ceilings.length > 0) {
  console.log('| server ceiling (curl) | runs (s) | median |');
  console.log('|---|---|---|');
  for (const key of ceilings) {
    const [name, tool] = key.split('\t');
    console.log(`| ${name} | ${runsOf(name, tool)} | ${fmt(med(name, tool))} |`);
  }
  console.log('');
}
console.log('| local → local | cp s (runs) | Strata s (runs) | Strata engine s | rclone s (runs) | Strata speed as % of cp | rclone speed as % of cp |');
console.log('|---|---|---|---|---|---|---|');
for (const name of ['local-1g', 'local-small']) {
  const cp = med(name, 'cp');
  console.log(`| ${name} | ${fmt(cp)} (${runsOf(name, 'cp')}) | ${fmt(med(name, 'strata'))} (${runsOf(name, 'strata')}) | ${fmt(med(name, 'strata-engine'))} | ${fmt(med(name, 'rclone'))} (${runsOf(name, 'rclone')}) | ${fmt((100 * cp) / med(name, 'strata'), 0)}% | ${fmt((100 * cp) / med(name, 'rclone'), 0)}% |`);
}
const sweep = [...byCase.keys()].filter((key) => key.startsWith('sweep-'));
if (sweep.length > 0) {
  console.log('\n| defaults sweep (1 run each) | tool | seconds | MB/s |');
  console.log('|---|---|---|---|');
  for (const key of sweep) {
    const [name, tool] = key.split('\t');
    const size = name.includes('small') ? BYTES.small : BYTES['1g'];
    const seconds = median(byCase.get(key));
    console.log(`| ${name} | ${tool} | ${fmt(seconds)} | ${fmt(size / 1e6 / seconds, 1)} |`);
  }
}
const startups = ['strata', 'strata-tsx', 'strata-full'].filter((tool) => byCase.has(`startup\t${tool}`));
if (startups.length > 0) {
  console.log('\n| start-up (`transfer --help`) | seconds (runs) |');
  console.log('|---|---|');
  const label = { strata: 'lean `transfer`-only entry, esbuild bundle', 'strata-tsx': 'the same lean entry through tsx', 'strata-full': 'umbrella `strata` binary (timed above)' };
  for (const tool of startups) console.log(`| ${label[tool]} | ${fmt(med('startup', tool))} (${runsOf('startup', tool)}) |`);
}
