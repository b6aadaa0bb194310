// test262 as a standing check of the transforms (issue 16). The whole shared sample runs from
// `npx tsx libs/contracode/scripts/test262.ts --dir DIR` (benchmarks/contracode-semantics); CI runs a
// fixed part of it here, chosen by a hash of each test's path, so it spreads over the whole suite.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithSharedData, sharedDataPath } from '@strata/cli/testing';
import { semanticsSettings } from '../../src/harness/index.js';
import { categoryOf, checkTest262, readFrontmatter, runTest262Script, test262Problems, test262Summary } from '../../src/harness/test262/index.js';
import { Test262Pool } from '../../src/harness/test262/pool.js';
import type { Test262Job } from '../../src/harness/test262/protocol.js';

const HARNESS = 'function Test262Error(message) { this.message = message; }\nfunction $DONE(e) { print(e ? "Test262:AsyncTestFailure:" + e : "Test262:AsyncTestComplete"); }';
const options = { strict: false, async: false, timeoutMs: 2000 };

describe('running one test262 test', () => {
  it('passes a test that returns, fails one that throws, with the error', () => {
    expect(runTest262Script(HARNESS, 'var x = 1;', options)).toEqual({ passed: true, detail: '' });
    expect(runTest262Script(HARNESS, 'throw new Test262Error("boom");', options)).toEqual({ passed: false, detail: 'Test262Error: boom' });
    expect(runTest262Script(HARNESS, 'null.x;', options).detail).toMatch(/^TypeError: Cannot read properties of null/);
  });

  it('async tests pass only when $DONE reports completion', () => {
    const async = { ...options, async: true };
    expect(runTest262Script(HARNESS, 'Promise.resolve().then(() => $DONE());', async).passed).toBe(true);
    expect(runTest262Script(HARNESS, 'Promise.resolve().then(() => $DONE("bad"));', async)).toEqual({ passed: false, detail: 'Test262:AsyncTestFailure:bad' });
    expect(runTest262Script(HARNESS, 'new Promise(() => {});', async)).toEqual({ passed: false, detail: 'async test did not call $DONE' });
  });

  it('a test that never ends fails with a timeout instead of hanging the runner', () => {
    expect(runTest262Script(HARNESS, 'for (;;) {}', { ...options, timeoutMs: 200 })).toEqual({ passed: false, detail: 'timed out after 200 ms' });
  });

  it('in a child process, a test that loops in promise jobs fails without stopping the next test', async () => {
    // Node cannot always recover from a timeout inside promise jobs: that costs the child, never the runner.
    const pool = new Test262Pool(1, 60_000);
    const job = (id: number, script: string): Test262Job => ({ id, harness: HARNESS, script, strict: false, async: true, settings: [], runTimeoutMs: 300 });
    try {
      expect((await pool.run(job(1, 'const spin = () => Promise.resolve().then(spin); spin();'))).baseline.passed).toBe(false);
      expect((await pool.run(job(2, 'Promise.resolve().then(() => $DONE());'))).baseline).toEqual({ passed: true, detail: '' });
    } finally {
      pool.close();
    }
  });

  it('onlyStrict tests run the harness and the test in strict mode; each test gets a fresh realm', () => {
    expect(runTest262Script(HARNESS, '"use strict";\nundeclared = 1;', { ...options, strict: true }).detail).toMatch(/^ReferenceError/);
    expect(runTest262Script(HARNESS, 'Array.prototype.polluted = 1;', options).passed).toBe(true);
    expect(runTest262Script(HARNESS, 'if ([].polluted) throw new Error("leaked");', options).passed).toBe(true);
  });
});

describe('reading test262 tests', () => {
  it('reads includes, flags, features and negative from the frontmatter, in both YAML list forms', () => {
    const source = '/*---\ndescription: x\nincludes:\n  - compareArray.js\n  - propertyHelper.js\nflags: [onlyStrict, async]\nfeatures: [class]\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/\nvar x;';
    expect(readFrontmatter(source)).toEqual({ includes: ['compareArray.js', 'propertyHelper.js'], flags: ['onlyStrict', 'async'], features: ['class'], negative: true });
    expect(readFrontmatter('var noFrontmatter;')).toEqual({ includes: [], flags: [], features: [], negative: false });
  });

  it('puts `.name` and source-text tests in their own categories', () => {
    expect(categoryOf('language/expressions/assignment/fn-name-arrow.js', 'x', [])).toBe('function-name');
    expect(categoryOf('built-ins/Function/prototype/toString/arrow.js', 'x', ['nativeFunctionMatcher.js'])).toBe('source-text');
    expect(categoryOf('built-ins/Array/prototype/map/callbackfn-1.js', 'assert.sameValue(r[0], 1);', [])).toBe('behaviour');
  });
});

describe('time-outs under load', () => {
  // A test262-layout sample whose tests log each run and spin (until the run limit stops them) on
  // the runs they name: a stand-in for a machine too loaded to finish them in time.
  const LOG_RUN = `function logRun(name, slowRuns) {
  var fs = print.constructor.constructor('return process')().getBuiltinModule('node:fs');
  var log = LOG;
  var runs = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\\n').filter(function (line) { return line === name; }).length : 0;
  fs.appendFileSync(log, name + '\\n');
  if (slowRuns.indexOf(runs) >= 0) for (;;) {}
}`;
  const TESTS: Record<string, string> = {
    // Run 0 is untransformed, run 1 under the transform; a retry runs both again (2 and 3).
    'always-slow.js': "logRun('always', [0, 1, 2, 3]);",
    'always-slow-transformed.js': "(function () { var runs = [1, 3]; logRun('transformed-always', runs); })();",
    'passes.js': "(function () { var none = []; logRun('passes', none); })();",
    'slow-first-untransformed.js': "(function () { var runs = [0]; logRun('untransformed-slow', runs); })();",
    'slow-first-transformed.js': "(function () { var runs = [1]; logRun('transformed-slow', runs); })();",
  };
  // Long enough that a run which does not spin finishes in time on a loaded CI machine (at 2 s,
  // process start-up alone sometimes took longer, and runs went missing from the log).
  const RUN_LIMIT_MS = 10_000;
  let root: string;
  let log: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'strata-test262-'));
    log = join(root, 'runs.log');
    await mkdir(join(root, 'harness'));
    await mkdir(join(root, 'test'));
    await writeFile(join(root, 'harness', 'assert.js'), 'function Test262Error(message) { this.message = message; }\n');
    await writeFile(join(root, 'harness', 'sta.js'), '');
    await writeFile(join(root, 'harness', 'logRun.js'), LOG_RUN.replace('LOG', JSON.stringify(log)));
    for (const [name, body] of Object.entries(TESTS)) await writeFile(join(root, 'test', name), `/*---\nincludes: [logRun.js]\n---*/\n${body}\n`);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('reruns each timed-out test once, alone, after the concurrent pass; a repeat time-out is a failure', async () => {
    const setting = { label: 'rename-variables', transforms: ['rename-variables' as const], seed: 1 };
    const report = await checkTest262(root, [setting], { concurrency: 2, runTimeoutMs: RUN_LIMIT_MS });
    const runs = (await readFile(log, 'utf8')).trim().split('\n');
    // Each retry (in path order: '-' sorts before '.') ran its untransformed run and the timed-out settings back to back,
    // after every run of the concurrent pass, and only once.
    expect(runs).toHaveLength(15);
    expect(runs.slice(8)).toEqual(['transformed-always', 'transformed-always', 'always', 'transformed-slow', 'transformed-slow', 'untransformed-slow', 'untransformed-slow']);

    expect(report.retriedAfterTimeout).toBe(4);
    expect(report.stillTimedOut).toEqual([
      { test: 'always-slow-transformed.js', setting: 'rename-variables' },
      { test: 'always-slow.js', setting: null },
    ]);
    expect(report).toMatchObject({ tests: 5, baselinePassed: 4, baselineFailed: 1 });
    expect(report.baselineFailureReasons).toEqual([{ reason: `timed out after ${RUN_LIMIT_MS} ms (again when rerun alone)`, count: 1 }]);
    const [summary] = report.settings;
    expect(summary?.byCategory.behaviour).toMatchObject({ pass: 3, fail: 1, 'tool-error': 0 });
    expect(summary?.changed).toBe(4);
    expect(test262Problems(report)).toBe(`[rename-variables] always-slow-transformed.js (behaviour): fail: timed out after ${RUN_LIMIT_MS} ms (again when rerun alone)`);
    expect(test262Summary(report)).toContain(
      '4 tests timed out and were rerun alone; 2 timed out again (counted as failures): always-slow-transformed.js (rename-variables), always-slow.js (untransformed).',
    );
  }, 300_000);
});

describeWithSharedData('test262 sample, a fixed part (every transform alone and all, two seeds)', () => {
  it('keeps the behaviour and the function names of every test that passes untransformed, with no tool error', async () => {
    const report = await checkTest262(sharedDataPath('test262'), semanticsSettings(1), { part: { index: 0, count: 60 }, concurrency: 2 });
    expect(report.baselinePassed).toBeGreaterThan(30);
    const problems = report.settings.flatMap((summary) =>
      summary.problems.filter((problem) => problem.verdict === 'tool-error' || problem.category !== 'source-text').map((p) => `[${p.setting}] ${p.test}: ${p.verdict}: ${p.detail}`),
    );
    expect(problems).toEqual([]);
    // The check is not vacuous: the transforms changed the tests they ran on.
    const changed = Object.fromEntries(report.settings.map((summary) => [summary.setting, summary.changed]));
    for (const setting of ['rename-variables', 'mangle-identifiers', 'insert-dead-code', 'reformat', 'compress', 'all', 'all (seed+1)'])
      expect(changed[setting]).toBeGreaterThan(report.baselinePassed / 4);
  }, 900_000);
});
