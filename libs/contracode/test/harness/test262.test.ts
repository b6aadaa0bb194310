// test262 as a standing check of the transforms (issue 16). The whole shared sample runs from
// `npx tsx libs/contracode/scripts/test262.ts --dir DIR` (benchmarks/contracode-semantics); CI runs a
// fixed part of it here, chosen by a hash of each test's path, so it spreads over the whole suite.
import { describeWithSharedData, sharedDataPath } from '@strata/cli/testing';
import { semanticsSettings } from '../../src/harness/index.js';
import { categoryOf, checkTest262, readFrontmatter, runTest262Script } from '../../src/harness/test262/index.js';
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
