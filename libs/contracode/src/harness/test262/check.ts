import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';
import type { Setting } from '../semantics.js';
import { Test262Pool, type JobResult } from './pool.js';
import type { SettingOutcome, Test262Job, Verdict } from './protocol.js';
import { HarnessFiles, loadTest262, notRunnableReason, testScript, type Test262Category, type Test262Test } from './tests.js';

export interface Test262Options {
  /** Run only part `index` of `count` (by a hash of the test's path): a fixed, spread-out subset. */
  part?: { index: number; count: number };
  /** Only tests whose path contains one of these strings. */
  only?: string[];
  concurrency?: number;
  /** Limit for one run of one test (harness and test), enforced by `vm`. */
  runTimeoutMs?: number;
  /** Limit for one test's whole job (its baseline, every transform, every run). */
  jobTimeoutMs?: number;
  onTest?: (done: number, total: number) => void;
  /** Called for each failure and tool error as it is found (a long run reports them early). */
  onProblem?: (problem: Test262SettingSummary['problems'][number]) => void;
}

export type CategoryCounts = Record<Verdict, number>;

export interface Test262SettingSummary {
  setting: string;
  /** Tests whose text the transforms changed (passes and failures alike). */
  changed: number;
  byCategory: Record<Test262Category, CategoryCounts>;
  problems: (SettingOutcome & { test: string; category: Test262Category })[];
}

export interface Test262Report {
  tests: number;
  /** Negative, module and raw tests, which do not run as classic scripts. */
  notRunnable: number;
  baselineFailed: number;
  baselinePassed: number;
  baselinePassedByCategory: Record<Test262Category, number>;
  settings: Test262SettingSummary[];
  /** Baseline failures by reason (features Node 20 lacks, `$262`, …), most frequent first. */
  baselineFailureReasons: { reason: string; count: number }[];
  /** Tests that timed out (untransformed or under a setting) in the concurrent pass and were rerun alone. */
  retriedAfterTimeout: number;
  /** What timed out again when rerun alone, counted as a failure; `setting` null: the untransformed run. */
  stillTimedOut: { test: string; setting: string | null }[];
}

const CATEGORIES: readonly Test262Category[] = ['behaviour', 'function-name', 'source-text'];
const VERDICTS: readonly Verdict[] = ['pass', 'fail', 'refused', 'tool-error', 'not-applicable'];

function emptyCounts(): CategoryCounts {
  return Object.fromEntries(VERDICTS.map((verdict) => [verdict, 0])) as CategoryCounts;
}

export function inPart(path: string, part: { index: number; count: number }): boolean {
  return createHash('sha256').update(path).digest().readUInt32BE(0) % part.count === part.index;
}

// A run past the `vm` limit (run-script.ts) or a job past the pool's limit (pool.ts).
const TIMED_OUT = /^(timed out after \d+ ms|no answer within [\d.]+ s)$/;
const AGAIN = ' (again when rerun alone)';

function timedOut(detail: string | undefined): boolean {
  return detail !== undefined && TIMED_OUT.test(detail);
}

/** The settings that timed out, all of them when the untransformed run did; null when nothing did. */
function timedOutSettings(result: JobResult, settings: readonly Setting[]): Setting[] | null {
  if (timedOut(result.baseline.detail)) return [...settings];
  const labels = new Set(result.outcomes.filter((outcome) => timedOut(outcome.detail)).map((outcome) => outcome.setting));
  return labels.size > 0 ? settings.filter((setting) => labels.has(setting.label)) : null;
}

/**
 * The first result with the rerun's answers for what timed out. When the rerun's untransformed run
 * fails, the first time-outs stay failures (the safe side).
 */
function mergeRetry(first: JobResult, again: JobResult): JobResult {
  if (timedOut(first.baseline.detail)) return again;
  if (!again.baseline.passed) {
    if (timedOut(again.baseline.detail)) return first;
    const why = `; rerun alone, the untransformed run failed: ${again.baseline.detail}`;
    return { baseline: first.baseline, outcomes: first.outcomes.map((outcome) => (timedOut(outcome.detail) ? { ...outcome, detail: `${outcome.detail}${why}` } : outcome)) };
  }
  const rerun = new Map(again.outcomes.map((outcome) => [outcome.setting, outcome]));
  return { baseline: first.baseline, outcomes: first.outcomes.map((outcome) => rerun.get(outcome.setting) ?? outcome) };
}

/** A baseline failure's reason without the details that differ per test, for the summary. */
function failureKind(detail: string): string {
  return detail.replace(/^(\w*Error|Test262:AsyncTestFailure:\w+): .*$/s, '$1').slice(0, 80);
}

/**
 * test262 as a check of the transforms: each runnable test of `root` runs as written; those that
 * pass on this Node run again after each setting's transforms, and every (test, setting) is
 * counted as pass / fail / refused / tool error, by category (behaviour, `.name`, source text).
 */
export async function checkTest262(root: string, settings: readonly Setting[], options: Test262Options = {}): Promise<Test262Report> {
  let tests = await loadTest262(root);
  if (options.only?.length) tests = tests.filter((test) => options.only?.some((fragment) => test.path.includes(fragment)));
  if (options.part) {
    const part = options.part;
    tests = tests.filter((test) => inPart(test.path, part));
  }
  const runnable = tests.filter((test) => notRunnableReason(test) === null);
  const harness = new HarnessFiles(root);
  const concurrency = options.concurrency ?? availableParallelism();
  const pool = new Test262Pool(concurrency, options.jobTimeoutMs ?? 300_000);
  // Jobs are built only when a child is about to be free: a harness text per queued test adds up.
  const limit = pLimit(concurrency);
  const summaries = settings.map(
    (setting): Test262SettingSummary => ({
      setting: setting.label,
      changed: 0,
      byCategory: Object.fromEntries(CATEGORIES.map((category) => [category, emptyCounts()])) as Record<Test262Category, CategoryCounts>,
      problems: [],
    }),
  );
  const bySetting = new Map(summaries.map((summary) => [summary.setting, summary]));
  const baselineReasons = new Map<string, number>();
  const baselinePassedByCategory = Object.fromEntries(CATEGORIES.map((category) => [category, 0])) as Record<Test262Category, number>;
  let baselinePassed = 0;
  let done = 0;
  const stillTimedOut: Test262Report['stillTimedOut'] = [];
  const toRetry: { test: Test262Test; id: number; first: JobResult; settings: Setting[] }[] = [];

  const job = async (test: Test262Test, id: number, jobSettings: readonly Setting[]): Promise<Test262Job> => ({
    id,
    harness: await harness.for(test),
    script: testScript(test),
    strict: test.flags.includes('onlyStrict'),
    async: test.flags.includes('async'),
    settings: jobSettings.map(({ label, transforms, seed }) => ({ label, transforms, seed })),
    runTimeoutMs: options.runTimeoutMs ?? 10_000,
  });

  const count = (test: Test262Test, result: JobResult, retried: boolean): void => {
    options.onTest?.(++done, runnable.length);
    if (!result.baseline.passed) {
      let detail = result.baseline.detail;
      if (retried && timedOut(detail)) {
        stillTimedOut.push({ test: test.path, setting: null });
        detail += AGAIN;
      }
      const kind = failureKind(detail);
      baselineReasons.set(kind, (baselineReasons.get(kind) ?? 0) + 1);
      return;
    }
    baselinePassed += 1;
    baselinePassedByCategory[test.category] += 1;
    for (const outcome of result.outcomes) {
      const summary = bySetting.get(outcome.setting);
      if (!summary) continue;
      summary.byCategory[test.category][outcome.verdict] += 1;
      if (outcome.changed) summary.changed += 1;
      if (outcome.verdict === 'fail' || outcome.verdict === 'tool-error') {
        const problem = { ...outcome, test: test.path, category: test.category };
        if (retried && timedOut(outcome.detail)) {
          stillTimedOut.push({ test: test.path, setting: outcome.setting });
          problem.detail = `${outcome.detail}${AGAIN}`;
        }
        summary.problems.push(problem);
        options.onProblem?.(problem);
      }
    }
  };

  try {
    await Promise.all(
      runnable.map((test: Test262Test, id) =>
        limit(async () => {
          const first = await pool.run(await job(test, id, settings));
          const again = timedOutSettings(first, settings);
          if (again) toRetry.push({ test, id, first, settings: again });
          else count(test, first, false);
        }),
      ),
    );
    // A time-out in the concurrent pass may be the machine's load, not the test: each is rerun
    // once, one at a time, with the same limits, before it is counted.
    toRetry.sort((a, b) => a.id - b.id);
    for (const { test, id, first, settings: again } of toRetry) count(test, mergeRetry(first, await pool.run(await job(test, id, again))), true);
  } finally {
    pool.close();
  }
  for (const summary of summaries) summary.problems.sort((a, b) => a.test.localeCompare(b.test));
  return {
    tests: tests.length,
    notRunnable: tests.length - runnable.length,
    baselineFailed: runnable.length - baselinePassed,
    baselinePassed,
    baselinePassedByCategory,
    settings: summaries,
    baselineFailureReasons: [...baselineReasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    retriedAfterTimeout: toRetry.length,
    stillTimedOut,
  };
}
