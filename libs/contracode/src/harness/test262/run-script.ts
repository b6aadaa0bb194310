import vm from 'node:vm';

export interface ScriptRun {
  passed: boolean;
  /** Why it failed (the thrown error, an async failure line, a timeout); empty when it passed. */
  detail: string;
}

function describeThrown(error: unknown): string {
  try {
    if (error !== null && typeof error === 'object' && 'message' in error) {
      // test262's own Test262Error has no `name`; its constructor says what it is.
      const name = (error as Error).name ?? (error as { constructor?: { name?: string } }).constructor?.name;
      return `${String(name)}: ${String((error as Error).message)}`;
    }
    return `thrown ${typeof error}: ${String(error)}`;
  } catch {
    return 'thrown: <unprintable>';
  }
}

/**
 * Runs a test262 test as test262's INTERPRETING.md describes, in a fresh realm (a new `vm`
 * context, so one test's changes to built-ins cannot leak into the next): the harness as one
 * classic script, then the test as another in the same realm. `print` collects the lines that
 * doneprintHandle.js's `$DONE` writes; an async test passes only when it printed
 * `Test262:AsyncTestComplete`. Promise jobs run right after each script, inside the time limit,
 * so a test that loops forever (in a loop or in promise jobs) fails instead of hanging.
 */
export function runTest262Script(harness: string, test: string, options: { strict: boolean; async: boolean; timeoutMs: number }): ScriptRun {
  const printed: string[] = [];
  const context = vm.createContext({ print: (message: unknown) => void printed.push(String(message)) }, { microtaskMode: 'afterEvaluate' });
  try {
    vm.runInContext(options.strict ? `"use strict";\n${harness}` : harness, context, { filename: 'harness.js', timeout: options.timeoutMs });
    vm.runInContext(test, context, { filename: 'test.js', timeout: options.timeoutMs });
  } catch (error) {
    if ((error as { code?: string } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { passed: false, detail: `timed out after ${options.timeoutMs} ms` };
    return { passed: false, detail: describeThrown(error) };
  }
  if (!options.async) return { passed: true, detail: '' };
  const failure = printed.find((line) => line.startsWith('Test262:AsyncTestFailure'));
  if (failure) return { passed: false, detail: failure };
  if (!printed.includes('Test262:AsyncTestComplete')) return { passed: false, detail: 'async test did not call $DONE' };
  return { passed: true, detail: '' };
}
