/**
 * Runs the real `strata transfer` CLI as a child process (as users run it) and collects its
 * exit code and output.
 */
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const CLI = join(REPO, 'apps', 'strata', 'bin', 'strata.mjs');

// Each test starts 1-3 real CLI processes; on a busy 2-core machine one start takes seconds.
export const PROCESS_TEST_TIMEOUT = 180_000;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `strata transfer ARGS` with only PATH from this process's environment plus `env` (so no
 * developer's AWS or GCS settings leak in); `whileRunning` is called in a loop until it exits.
 */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  whileRunning?: () => Promise<void>,
  cwd?: string,
): Promise<Run> {
  const child = spawn(process.execPath, [CLI, 'transfer', ...args], {
    ...(cwd === undefined ? {} : { cwd }),
    env: {
      PATH: process.env.PATH,
      NODE_NO_WARNINGS: '1', // the AWS SDK's Node 20 notice is not ours
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  let running = true;
  const done = new Promise<Run>((resolve) =>
    child.once('close', (code) => {
      running = false;
      resolve({ code, stdout, stderr });
    }),
  );
  if (whileRunning) {
    void (async () => {
      while (running) await whileRunning();
    })();
  }
  return done;
}

/** Bad input: exactly one `strata: ...` line on stderr matching `pattern`, exit 2. */
export function expectOneLineUsageError(run: Run, pattern: RegExp): void {
  const lines = run.stderr.trim().split('\n');
  expect(lines).toEqual([expect.stringMatching(pattern)]);
  expect(lines[0]).toMatch(/^strata: /);
  expect(run.code).toBe(2);
}
