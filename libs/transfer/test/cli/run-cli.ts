/**
 * Runs the real `strata transfer` CLI as a child process (as users run it) and collects its
 * exit code and output.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  s3Environment,
  startS3Server,
  S3RVER_CREDENTIALS,
  type TestServer,
} from '@strata/test-servers';
import { S3Store } from '../../src/stores/s3/s3-store.js';

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

/** One s3rver for a test file and a fresh work directory per test holding `src/a.txt`, `src/sub/b.txt`. */
export interface S3CliWorkspace {
  readonly server: TestServer;
  /** This test's work directory (also the CLI's HOME, so its resume state stays inside). */
  readonly root: string;
  /** `strata transfer ARGS` against the server. */
  cli(args: string[], env?: NodeJS.ProcessEnv, whileRunning?: () => Promise<void>): Promise<Run>;
  /** A store of one of the server's buckets, for checking what the CLI did. */
  bucket(name: string): S3Store;
}

/** Registers the hooks that start and stop the server and make and remove the work directory. */
export function s3CliWorkspace(options: {
  /** s3rver as released, without the test wrapper's fixes. */
  plain?: boolean;
  buckets: string[];
  tempPrefix: string;
}): S3CliWorkspace {
  let server: TestServer | undefined;
  let root: string | undefined;
  beforeAll(async () => {
    server = await startS3Server({
      buckets: options.buckets,
      ...(options.plain ? { plain: true } : {}),
    });
  });
  afterAll(() => server?.stop());
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), options.tempPrefix));
    await mkdir(join(root, 'src', 'sub'), { recursive: true });
    await writeFile(join(root, 'src', 'a.txt'), 'alpha');
    await writeFile(join(root, 'src', 'sub', 'b.txt'), 'beta');
  });
  afterEach(() => (root === undefined ? undefined : rm(root, { recursive: true, force: true })));
  const workspace: S3CliWorkspace = {
    get server() {
      if (!server) throw new Error('the S3 server is not started yet');
      return server;
    },
    get root() {
      if (root === undefined) throw new Error('no work directory outside a test');
      return root;
    },
    cli: (args, env = {}, whileRunning) =>
      runCli(
        args,
        { HOME: workspace.root, ...s3Environment(workspace.server), ...env },
        whileRunning,
      ),
    bucket: (name) =>
      new S3Store(name, { endpoint: workspace.server.endpoint, credentials: S3RVER_CREDENTIALS }),
  };
  return workspace;
}
