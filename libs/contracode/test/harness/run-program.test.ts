import { compareRuns, normaliseMessage, runProgram } from '../../src/harness/index.js';

describe('runProgram: one program in its own node process', () => {
  it('captures stdout and a clean exit', async () => {
    const r = await runProgram('console.log("hello", 1 + 1);\nconsole.log([1, 2]);', { sourceType: 'script' });
    expect(r).toMatchObject({ stdout: 'hello 2\n[ 1, 2 ]\n', error: null, exitCode: 0, timedOut: false });
  });

  it('reports the uncaught error by name and message, exit code 1, with stdout up to the throw', async () => {
    const r = await runProgram('console.log("before");\nthrow new RangeError("out of range");', { sourceType: 'script' });
    expect(r.stdout).toBe('before\n');
    expect(r.error).toEqual({ kind: 'uncaught', name: 'RangeError', message: 'out of range' });
    expect(r.exitCode).toBe(1);
  });

  it('reports thrown non-errors and unhandled rejections', async () => {
    const thrown = await runProgram('setTimeout(() => { throw "plain"; }, 1);', { sourceType: 'script' });
    expect(thrown.error).toEqual({ kind: 'uncaught', name: 'thrown string', message: 'plain' });
    const rejected = await runProgram('Promise.reject(new TypeError("nobody caught me"));', { sourceType: 'script' });
    expect(rejected.error).toEqual({ kind: 'unhandled-rejection', name: 'TypeError', message: 'nobody caught me' });
    expect(rejected.exitCode).toBe(1);
  });

  it('waits for async work to settle and keeps exit codes', async () => {
    const r = await runProgram(
      'setTimeout(() => console.log("late"), 30);\n(async () => { await new Promise((r) => setTimeout(r, 10)); console.log("awaited"); process.exitCode = 4; })();',
      { sourceType: 'script' },
    );
    expect(r.stdout).toBe('awaited\nlate\n');
    expect(r.exitCode).toBe(4);
    const exited = await runProgram('console.log("a"); process.exit(7); console.log("b");', { sourceType: 'script' });
    expect(exited).toMatchObject({ stdout: 'a\n', exitCode: 7, error: null });
  });

  it('runs scripts in sloppy mode and modules as ES modules', async () => {
    const script = await runProgram('console.log(typeof this, (function () { return this === globalThis; })());', { sourceType: 'script' });
    expect(script.stdout).toBe('object true\n');
    const mod = await runProgram('const x = await Promise.resolve(5);\nexport const y = x;\nconsole.log(typeof this, y);', { sourceType: 'module' });
    expect(mod.stdout).toBe('undefined 5\n');
  });

  it('gives the child an empty environment and its own working directory', async () => {
    const r = await runProgram('console.log(Object.keys(process.env).sort().join(","), process.cwd().includes("strata-harness-"));', { sourceType: 'script' });
    expect(r.stdout).toBe('LANG,TZ true\n');
  });

  it('kills a program that runs past its time limit', async () => {
    const r = await runProgram('console.log("spinning"); for (;;) {}', { sourceType: 'script', timeoutMs: 1500 });
    expect(r.timedOut).toBe(true);
    expect(r.stdout).toBe('spinning\n');
  });

  it('stops a program at its heap limit', async () => {
    const r = await runProgram('const keep = []; for (;;) keep.push(new Array(1e5).fill(Math.random()));', {
      sourceType: 'script',
      maxOldSpaceMb: 32,
      timeoutMs: 30_000,
    });
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).not.toBe(0);
  });
});

describe('compareRuns', () => {
  const ok = { stdout: 'x\n', error: null, exitCode: 0, timedOut: false, stderr: '', durationMs: 1 };

  it('finds differences in stdout, errors and exit codes', () => {
    expect(compareRuns(ok, ok)).toEqual([]);
    expect(compareRuns(ok, { ...ok, stdout: 'y\n' })).toEqual(['stdout: line 1: "x" → "y"']);
    expect(compareRuns(ok, { ...ok, exitCode: 2 })).toEqual(['exit code: 0 → 2']);
    const failed = { ...ok, exitCode: 1, error: { kind: 'uncaught' as const, name: 'TypeError', message: 'bad' } };
    expect(compareRuns(ok, failed)).toEqual(['exit code: 0 → 1', 'error: no error → uncaught TypeError: bad']);
    expect(compareRuns(failed, { ...failed, error: { kind: 'uncaught', name: 'RangeError', message: 'bad' } })).toHaveLength(1);
  });

  it('compares V8 messages that quote source text without the quote, and nothing else', () => {
    expect(normaliseMessage('handler is not a function')).toBe(normaliseMessage('e is not a function'));
    expect(normaliseMessage("Cannot access 'count' before initialization")).toBe(normaliseMessage("Cannot access 't' before initialization"));
    expect(normaliseMessage("Cannot destructure property 'a' of 'obj' as it is undefined.")).not.toBe(
      normaliseMessage("Cannot destructure property 'b' of 'obj' as it is undefined."),
    );
    // Globals and properties are never renamed: these must match exactly.
    expect(normaliseMessage('foo is not defined')).toBe('foo is not defined');
    expect(normaliseMessage("Cannot read properties of undefined (reading 'x')")).not.toBe(
      normaliseMessage("Cannot read properties of undefined (reading 'y')"),
    );
  });
});
