import { runInNewContext } from 'node:vm';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { normaliseMessage } from '../../src/harness/index.js';
import { augment, TRANSFORMS, type TransformName } from '../../src/transforms/index.js';
import { generatedProgram } from './generated-programs.js';

// Generated programs are synchronous and only print, so an in-process vm context runs them
// faithfully and fast; the child-process harness is exercised by the corpus test.
function execute(code: string): string {
  const lines: string[] = [];
  const console = { log: (...values: unknown[]) => lines.push(values.map((v) => (typeof v === 'string' ? v : inspect(v))).join(' ')) };
  try {
    runInNewContext(code, { console }, { timeout: 2000 });
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown };
    // Messages that quote a renamed name are compared without it, as the harness does.
    lines.push(`threw ${String(e.name)}: ${normaliseMessage(String(e.message))}`);
  }
  return lines.join('\n');
}

const SETTINGS: (TransformName[] | 'all')[] = [
  ...TRANSFORMS.filter((t) => t.preservesSemantics && t.name !== 'strip-types').map((t) => [t.name]),
  'all',
];

describe('transforms preserve the behaviour of generated programs (fast-check)', () => {
  it.each(SETTINGS.map((s) => [Array.isArray(s) ? s.join() : s, s] as const))('%s', async (_label, transforms) => {
    await fc.assert(
      fc.asyncProperty(generatedProgram, fc.nat(1_000_000), async (program, seed) => {
        const result = await augment(program, { transforms, seed });
        expect(result.skipped ?? []).toEqual([]);
        expect(execute(result.code)).toBe(execute(program));
      }),
      { numRuns: 60, seed: 20211107 },
    );
  });
});
