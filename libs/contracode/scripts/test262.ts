// test262 as a check of the transforms: every runnable test of a sample runs as written, then after
// each semantics-preserving transform alone and `all` under two seeds; prints the table (and each
// failure and tool error) and, with --out, writes the whole report as JSON.
// Usage: npx tsx libs/contracode/scripts/test262.ts --dir DIR [--part I/N] [--only a,b] [--seed 1]
//          [--concurrency N] [--out report.json]
// DIR is a test262 checkout or sample: DIR/harness/*.js and DIR/test/**/*.js.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createProgress } from '@strata/cli';
import { semanticsSettings } from '../src/harness/index.js';
import { checkTest262, test262Problems, test262Summary } from '../src/harness/test262/index.js';

function usage(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    part: { type: 'string' },
    only: { type: 'string' },
    seed: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: String(availableParallelism()) },
    out: { type: 'string' },
  },
});
if (!values.dir) usage('--dir is required: a test262 checkout or sample (with harness/ and test/)');
const dir = values.dir;
if (!existsSync(join(dir, 'harness', 'assert.js')) || !existsSync(join(dir, 'test'))) usage(`--dir '${dir}' has no harness/assert.js or test/: point it at a test262 checkout or sample`);
let part: { index: number; count: number } | undefined;
if (values.part) {
  const match = /^(\d+)\/(\d+)$/.exec(values.part);
  if (!match || Number(match[1]) >= Number(match[2])) usage(`--part '${values.part}' is not I/N with 0 <= I < N (e.g. 0/20)`);
  part = { index: Number(match[1]), count: Number(match[2]) };
}
const seed = Number(values.seed);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(seed) || seed < 0) usage(`--seed '${values.seed}' is not a whole number >= 0`);
if (!Number.isInteger(concurrency) || concurrency < 1) usage(`--concurrency '${values.concurrency}' is not a whole number >= 1`);

const started = performance.now();
const loadAtStart = loadavg();
let progress: ReturnType<typeof createProgress> | undefined;
const report = await checkTest262(dir, semanticsSettings(seed), {
  part,
  only: values.only?.split(','),
  concurrency,
  onProblem: (problem) => process.stderr.write(`[${problem.setting}] ${problem.test}: ${problem.verdict}: ${problem.detail ?? ''}\n`),
  onTest: (done, total) => {
    progress ??= createProgress(total, { label: 'test262' });
    progress.update(done);
  },
});
progress?.stop();
const seconds = (performance.now() - started) / 1000;
console.log(test262Summary(report));
const problems = test262Problems(report);
if (problems) console.log(`\n${problems}`);
console.log(
  `\n${seconds.toFixed(0)} s wall, ${concurrency} children, load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}, ` +
    `at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${availableParallelism()} CPUs, Node ${process.version}`,
);
if (values.out) {
  await writeFile(values.out, `${JSON.stringify({ dir, part, seed, seconds: Math.round(seconds), loadAtStart, loadAtEnd: loadavg(), report }, null, 2)}\n`);
}
