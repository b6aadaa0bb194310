// Table of compare-engines.sh's timings.tsv: per case, each engine's runs (wall s, and the
// engine's own seconds from --json), the median, the spread (largest minus smallest run of the
// same engine) and new minus old, which is within the noise when it is within the larger spread.
import { readFileSync } from 'node:fs';

const rows = readFileSync(process.argv[2], 'utf8')
  .trim()
  .split('\n')
  .map((line) => line.split('\t'))
  .map(([kase, engine, round, wall, own]) => ({ kase, engine, round: Number(round), wall: Number(wall), own: Number(own) }));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'NaN');
const cases = [...new Set(rows.map((r) => r.kase))];
const out = [
  '| case | old wall s (runs) | new wall s (runs) | spread old / new | new − old (medians) | verdict | old / new engine s (medians) |',
  '|---|---|---|---|---|---|---|',
];
for (const kase of cases) {
  const of = (engine, key) => rows.filter((r) => r.kase === kase && r.engine === engine).map((r) => r[key]);
  const [oldWall, newWall] = [of('old', 'wall'), of('new', 'wall')];
  const spread = (xs) => Math.max(...xs) - Math.min(...xs);
  const diff = median(newWall) - median(oldWall);
  const noise = Math.max(spread(oldWall), spread(newWall));
  const verdict = diff <= 0 ? 'not slower' : diff <= noise ? 'within spread' : '**slower**';
  out.push(
    `| ${kase} | ${f(median(oldWall))} (${oldWall.map(f).join(' / ')}) | ${f(median(newWall))} (${newWall.map(f).join(' / ')}) | ${f(spread(oldWall))} / ${f(spread(newWall))} | ${diff >= 0 ? '+' : ''}${f(diff)} | ${verdict} | ${f(median(of('old', 'own')))} / ${f(median(of('new', 'own')))} |`,
  );
}
console.log(out.join('\n'));
