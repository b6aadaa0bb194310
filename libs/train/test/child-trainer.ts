/** Runs the trainer CLI as a real child process (the lean entry, through tsx) and follows its stderr. */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const TRAIN_MAIN = join(REPO_ROOT, 'libs', 'train', 'src', 'cli', 'main.ts');

export interface ChildRun {
  child: ChildProcess;
  /** stderr lines (logs, progress). */
  lines: string[];
  /** stdout lines (the result). */
  out: string[];
  /** Resolves with the first stderr line matching, or undefined if the child exits first. */
  waitFor(pattern: RegExp): Promise<string | undefined>;
  /** Like waitFor, but only lines that arrive from now on count. */
  waitForNext(pattern: RegExp): Promise<string | undefined>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startTrainer(args: string[], env: NodeJS.ProcessEnv = {}): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', TRAIN_MAIN, 'train', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '', ...env },
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string | undefined) => void }[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const out: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => out.push(line));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const waiter of waiters.splice(0)) waiter.resolve(undefined);
      resolve({ code, signal });
    }),
  );
  return {
    child,
    lines,
    out,
    exited,
    waitFor(pattern) {
      const seen = lines.find((line) => pattern.test(line));
      return seen ? Promise.resolve(seen) : this.waitForNext(pattern);
    },
    waitForNext(pattern) {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(undefined);
      return new Promise((resolve) => waiters.push({ pattern, resolve }));
    },
  };
}
