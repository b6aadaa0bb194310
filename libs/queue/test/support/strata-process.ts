import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const STRATA = fileURLToPath(new URL('../../../../apps/strata/bin/strata.mjs', import.meta.url));
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

export interface StrataProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (a signal's name when killed). */
  readonly exited: Promise<number | string>;
  /** Resolves when stderr has matched `pattern` (rejects when the process exits first). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

/** Runs `strata ARGS` as a real process, on a testbed host when `prefix` is an `ip netns exec NS`. */
export function startStrata(args: string[], prefix: string[] = []): StrataProcess {
  const [command, ...rest] = [...prefix, process.execPath, STRATA, ...args] as [string, ...string[]];
  const child = spawn(command, rest, {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1', FORCE_COLOR: '0' },
  });
  let out = '';
  let err = '';
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    for (const watcher of [...watchers]) {
      if (watcher.pattern.test(err)) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    }
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern, timeoutMs = 120_000) {
      if (pattern.test(err)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} in: ${err}`)), timeoutMs);
        watchers.push({
          pattern,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`exited (${code}) before ${pattern}: ${err}`));
        });
      });
    },
    kill: (signal) => child.kill(signal),
  };
}

/** Runs `strata ARGS` to completion. */
export async function runStrata(args: string[], prefix: string[] = []): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const started = startStrata(args, prefix);
  const code = await started.exited;
  return { code, stdout: started.stdout(), stderr: started.stderr() };
}
