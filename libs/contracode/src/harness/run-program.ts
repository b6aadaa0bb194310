import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunOptions {
  /** `script` runs as CommonJS (sloppy mode, like a classic script); `module` as an ES module. */
  sourceType: 'script' | 'module';
  timeoutMs?: number;
  maxOldSpaceMb?: number;
}

export interface ThrownError {
  /** `uncaught` (a throw) or `unhandled-rejection` (a rejected promise nobody handled). */
  kind: 'uncaught' | 'unhandled-rejection';
  name: string;
  message: string;
}

export interface RunResult {
  stdout: string;
  error: ThrownError | null;
  exitCode: number | null;
  timedOut: boolean;
  /** Any other stderr output (warnings, console.error), kept for diagnosis only. */
  stderr: string;
  durationMs: number;
}

const MARKER = '\u0000strata-harness-error:';
const MAX_OUTPUT = 1 << 20;

// Preloaded into the child: reports the error that ends the program as one JSON line on stderr,
// then exits 1 as Node itself would. Node writes pipes synchronously on Linux, so stdout is complete.
const REPORTER = `'use strict';
const describe = (error) => {
  try {
    if (error !== null && typeof error === 'object' && 'message' in error)
      return { name: String(error.name), message: String(error.message) };
    return { name: 'thrown ' + typeof error, message: typeof error === 'symbol' ? error.toString() : String(error) };
  } catch {
    return { name: 'thrown', message: '<unprintable>' };
  }
};
const report = (kind) => (error) => {
  process.stderr.write('\\n' + ${JSON.stringify(MARKER)} + JSON.stringify({ kind, ...describe(error) }) + '\\n');
  process.exit(1);
};
process.on('uncaughtException', report('uncaught'));
process.on('unhandledRejection', report('unhandled-rejection'));
`;

/**
 * Runs one program in its own `node` process: a fresh temporary directory as the working
 * directory, an empty environment (plus a fixed time zone and locale), a heap limit and a
 * wall-clock limit. The process runs until its event loop is empty, so async programs settle.
 */
export async function runProgram(source: string, options: RunOptions): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const directory = await mkdtemp(join(tmpdir(), 'strata-harness-'));
  try {
    const reporter = join(directory, 'reporter.cjs');
    const program = join(directory, options.sourceType === 'module' ? 'program.mjs' : 'program.cjs');
    await writeFile(reporter, REPORTER);
    await writeFile(program, source);
    const args = [`--max-old-space-size=${options.maxOldSpaceMb ?? 256}`, '--require', reporter, program];
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: directory,
      env: { TZ: 'UTC', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk;
    });
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, timeoutMs);
    const { code: exitCode, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve({ code, signal }));
    }).finally(() => clearTimeout(timer));
    // A busy parent may fire the timer after the child already exited; only a kill that ended it counts.
    const timedOut = killed && signal === 'SIGKILL';
    const { error, rest } = extractError(stderr);
    return { stdout, error, exitCode, timedOut, stderr: rest, durationMs: performance.now() - started };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function extractError(stderr: string): { error: ThrownError | null; rest: string } {
  const at = stderr.indexOf(MARKER);
  if (at < 0) return { error: null, rest: stderr };
  const end = stderr.indexOf('\n', at);
  const json = stderr.slice(at + MARKER.length, end < 0 ? undefined : end);
  try {
    return { error: JSON.parse(json) as ThrownError, rest: stderr.slice(0, at) };
  } catch {
    return { error: { kind: 'uncaught', name: 'unknown', message: json }, rest: stderr.slice(0, at) };
  }
}
