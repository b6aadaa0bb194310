import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { checkSemantics, loadPrograms, semanticsSettings, type SettingSummary } from '../../src/harness/index.js';
import { createRng } from '../../src/transforms/index.js';

/**
 * The must-show, by execution: every semantics-preserving transform keeps the behaviour of at
 * least 99.5% of the runnable corpus. Within the jest budget this runs `all` on every program and
 * each single transform on a seeded sample of 30 (strip-types on every TypeScript program); the
 * full matrix is `npx tsx libs/contracode/scripts/check-semantics.ts`.
 */
const PROGRAMS_DIR = fileURLToPath(new URL('../programs/', import.meta.url));
const SAMPLE = 30;

function describeFailures(summary: SettingSummary): string {
  return summary.failures.map((f) => `${f.program}: ${[...f.differences, ...f.reasons].join('; ')}`).join('\n');
}

describe('semantics of the test corpus under every transform', () => {
  let summaries: SettingSummary[];

  beforeAll(async () => {
    const programs = await loadPrograms(PROGRAMS_DIR);
    const settings = semanticsSettings(1).filter((s) => s.label !== 'all (seed+1)');
    const rng = createRng(2021);
    const samples = new Map(settings.map((s) => [s.label, new Set(rng.shuffle(programs.map((p) => p.name)).slice(0, SAMPLE))]));
    summaries = await checkSemantics(programs, settings, {
      concurrency: Math.max(2, availableParallelism()),
      include: (program, setting) => {
        if (setting.transforms === 'all') return true;
        if (setting.label === 'strip-types') return program.language === 'ts';
        return samples.get(setting.label)?.has(program.name) ?? false;
      },
    });
  }, 600_000);

  it('has at least 200 runnable programs, TypeScript among them', async () => {
    const programs = await loadPrograms(PROGRAMS_DIR);
    expect(programs.length).toBeGreaterThanOrEqual(200);
    expect(programs.filter((p) => p.language === 'ts').length).toBeGreaterThanOrEqual(10);
  });

  it.each(['rename-variables', 'mangle-identifiers', 'insert-dead-code', 'eliminate-dead-code', 'fold-constants', 'strip-types', 'reformat', 'compress', 'all'])(
    '%s keeps behaviour for >= 99.5% of programs',
    (label) => {
      const summary = summaries.find((s) => s.label === label);
      expect(summary).toBeDefined();
      if (!summary) return;
      expect(summary.same + summary.different).toBeGreaterThan(0);
      if (summary.rate < 0.995 || summary.notApplied > 0) throw new Error(`${label}: ${(100 * summary.rate).toFixed(2)}% same\n${describeFailures(summary)}`);
      // A transform that changed nothing would pass trivially: most programs must actually change.
      // compress leaves unchanged every program that breaks terser's documented assumptions (getters
      // and setters, valueOf, Proxy, TDZ reads: the stated limits in src/transforms/README.md), about
      // a fifth of this corpus, which exercises exactly those corners.
      const least = label === 'compress' ? 0.7 : 0.8;
      if (!['eliminate-dead-code', 'fold-constants'].includes(label)) expect(summary.changed).toBeGreaterThan(least * summary.programs);
    },
  );
});
