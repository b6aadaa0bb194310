import pLimit from 'p-limit';
import { parseProgram } from '../transforms/ast.js';
import { augment } from '../transforms/augment.js';
import type { TransformName } from '../transforms/types.js';
import { compareRuns } from './compare.js';
import type { TestProgram } from './programs.js';
import { runProgram, type RunResult } from './run-program.js';

export interface Setting {
  label: string;
  transforms: TransformName[] | 'all';
  seed: number;
}

export interface Outcome {
  program: string;
  setting: string;
  /** `same`: identical behaviour; `different`: a semantics failure; `not-applied`: the transform declined. */
  status: 'same' | 'different' | 'not-applied';
  changed: boolean;
  differences: string[];
  reasons: string[];
  code: string;
}

export interface SettingSummary {
  label: string;
  programs: number;
  same: number;
  different: number;
  notApplied: number;
  /** Programs whose code the transform actually changed. */
  changed: number;
  /** same / (same + different): the must-show number. */
  rate: number;
  failures: Outcome[];
}

export interface CheckOptions {
  concurrency?: number;
  timeoutMs?: number;
  /** Which (program, setting) pairs to run; all by default. A subset keeps a test run short. */
  include?: (program: TestProgram, setting: Setting) => boolean;
  onOutcome?: (outcome: Outcome) => void;
}

/**
 * Runs every program as written and after each transform setting, each run in its own child
 * process, and compares stdout, the error that ended the run and the exit code.
 * TypeScript programs' reference run uses the TypeScript compiler's own transpiler, so
 * `strip-types` (Babel) is checked against an independent implementation.
 */
export async function checkSemantics(programs: readonly TestProgram[], settings: readonly Setting[], options: CheckOptions = {}): Promise<SettingSummary[]> {
  const limit = pLimit(options.concurrency ?? 2);
  const run = (code: string, sourceType: 'script' | 'module'): Promise<RunResult> =>
    limit(() => runProgram(code, { sourceType, timeoutMs: options.timeoutMs ?? 20_000 }));

  const outcomes = await Promise.all(
    programs.map(async (program) => {
      const selected = settings.map((setting) => options.include?.(program, setting) ?? true);
      if (!selected.includes(true)) return settings.map(() => null);
      const reference = await referenceSource(program);
      const sourceType = sourceTypeOf(reference);
      const baseline = run(reference, sourceType);
      return Promise.all(
        settings.map(async (setting, index): Promise<Outcome | null> => {
          if (!selected[index]) return null;
          const result = await augment(program.source, { transforms: setting.transforms, seed: setting.seed, language: program.language });
          const reasons = (result.skipped ?? []).map((skip) => `${skip.transform}: ${skip.reason}`);
          const strippedTypes = program.language === 'js' || result.applied.includes('strip-types');
          const base = { program: program.name, setting: setting.label, changed: result.changed, reasons, code: result.code };
          if (result.applied.length === 0 || !strippedTypes) {
            const outcome: Outcome = { ...base, status: 'not-applied', differences: [] };
            options.onOutcome?.(outcome);
            return outcome;
          }
          // Unchanged JavaScript is the reference itself: no need to run it again.
          const actual = program.language === 'js' && !result.changed ? await baseline : await run(result.code, sourceType);
          const differences = compareRuns(await baseline, actual);
          const outcome: Outcome = { ...base, status: differences.length === 0 ? 'same' : 'different', differences };
          options.onOutcome?.(outcome);
          return outcome;
        }),
      );
    }),
  );
  return settings.map((setting, index) =>
    summarise(
      setting.label,
      outcomes.map((row) => row[index]).filter((outcome): outcome is Outcome => outcome != null),
    ),
  );
}

/** What a transform could legitimately decline, e.g. `strip-types` on JavaScript. */
const HARMLESS_SKIP = /input is JavaScript: no types to strip/;

function summarise(label: string, outcomes: Outcome[]): SettingSummary {
  const same = outcomes.filter((o) => o.status === 'same').length;
  const different = outcomes.filter((o) => o.status === 'different').length;
  const notApplied = outcomes.filter((o) => o.status === 'not-applied' && !o.reasons.every((r) => HARMLESS_SKIP.test(r))).length;
  return {
    label,
    programs: outcomes.length,
    same,
    different,
    notApplied,
    changed: outcomes.filter((o) => o.changed).length,
    rate: same + different === 0 ? 1 : same / (same + different),
    failures: outcomes.filter((o) => o.status === 'different' || (o.status === 'not-applied' && !o.reasons.every((r) => HARMLESS_SKIP.test(r)))),
  };
}

export async function referenceSource(program: TestProgram): Promise<string> {
  if (program.language === 'js') return program.source;
  const ts = (await import('typescript')).default;
  return ts.transpileModule(program.source, {
    fileName: program.name,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Preserve, useDefineForClassFields: true },
  }).outputText;
}

export function sourceTypeOf(code: string): 'script' | 'module' {
  return parseProgram(code).program.sourceType;
}
