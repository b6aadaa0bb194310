/**
 * Where one planning process's CPU time goes, stage by stage (process.cpuUsage counts every thread,
 * so V8's background compilation shows up in the stage that triggers it). Run it with and without
 * V8's baseline-only WebAssembly compiler to see what `strata transfer plan` saves by it:
 *
 *   node --import tsx benchmarks/planner/stage-cpu.ts
 *   node --liftoff-only --import tsx benchmarks/planner/stage-cpu.ts
 *
 * Imports run through tsx here, so that stage reads higher than in the CLI's bundle.
 */
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
let last = cpu();
const mark = (label: string) => {
  const now = cpu();
  process.stdout.write(`${label.padEnd(70)} ${(now - last).toFixed(2)} s CPU\n`);
  last = now;
};

const { planTransfer } = await import('../../libs/transfer/src/planner/index.js');
const { loadProfile } = await import('../../libs/transfer/src/planner-io/index.js');
const { solve, Model } = await import('@strata/solver');
mark('imports (planner, profile reader, solver)');
const profile = await loadProfile();
mark('reading the shipped profile');
// A one-variable LP loads and instantiates HiGHS's WebAssembly and runs it once.
const tiny = new Model({ sense: 'maximize' });
tiny.addVariable({ lb: 0, ub: 1, objective: 1 });
await solve(tiny, { backend: 'highs' });
mark('HiGHS: load and instantiate the WebAssembly module (a one-variable LP)');
const cases = [
  ['aws:us-east-1', 'aws:us-west-2', 5, 2],
  ['gcp:us-central1-a', 'aws:us-east-1', 10, 4],
  ['aws:eu-west-1', 'gcp:asia-northeast1-a', 20, 4],
  ['gcp:europe-north1-a', 'gcp:us-west4-a', 20, 1],
] as const;
for (const [src, dst, throughputGbits, instanceLimit] of cases) {
  const plan = await planTransfer(profile, { src, dst, throughputGbits, instanceLimit, gbytes: 1, objective: 'min-cost' });
  mark(`plan ${src} -> ${dst} ${throughputGbits} Gbit/s, limit ${instanceLimit} (${plan.feasible ? 'feasible' : 'infeasible'})`);
}
process.stdout.write(`node ${process.execArgv.join(' ')}\n`);
