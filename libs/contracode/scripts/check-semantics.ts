// Runs the whole semantics matrix (every program × every transform setting) and prints the table
// and each failure. Usage: npx tsx libs/contracode/scripts/check-semantics.ts [--seed N] [--concurrency N] [--only a.js,b.js]
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkSemantics, loadPrograms, semanticsSettings } from '../src/harness/index.js';

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '1' }, concurrency: { type: 'string' }, only: { type: 'string' }, settings: { type: 'string' } },
});
const directory = fileURLToPath(new URL('../test/programs/', import.meta.url));
let programs = await loadPrograms(directory);
if (values.only) programs = programs.filter((p) => values.only?.split(',').includes(p.name));
let settings = semanticsSettings(Number(values.seed));
if (values.settings) settings = settings.filter((s) => values.settings?.split(',').includes(s.label));
const started = performance.now();
const summaries = await checkSemantics(programs, settings, { concurrency: Number(values.concurrency ?? availableParallelism()) });
const seconds = (performance.now() - started) / 1000;

console.log(`${programs.length} programs (${programs.filter((p) => p.language === 'ts').length} TypeScript), seed ${values.seed}, ${seconds.toFixed(1)} s`);
console.log('| setting | programs run | same | different | declined | changed | same % |');
console.log('|---|---|---|---|---|---|---|');
for (const s of summaries) {
  console.log(`| ${s.label} | ${s.same + s.different} | ${s.same} | ${s.different} | ${s.notApplied} | ${s.changed} | ${(100 * s.rate).toFixed(2)} |`);
}
for (const s of summaries) {
  for (const failure of s.failures) {
    console.log(`\n[${s.label}] ${failure.program}: ${failure.status}`);
    for (const line of [...failure.differences, ...failure.reasons]) console.log(`  ${line}`);
  }
}
