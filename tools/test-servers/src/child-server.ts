/**
 * Runs a test server as a real child process (so tests can SIGKILL it and start it again on the
 * same port and data directory). The child prints one JSON line `{"ready":true,"port":N}` on
 * stdout once it listens; everything on stderr is kept to explain a failed start.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export interface ChildServerOptions {
  /** 0 (default) picks a free port on the first start; restarts reuse it. */
  port?: number;
  /** Data directory; default a fresh temporary one, removed by stop(). */
  directory?: string;
}

export interface TestServer {
  /** e.g. http://127.0.0.1:43127 */
  readonly endpoint: string;
  readonly port: number;
  readonly directory: string;
  /** Process id of the current child (changes on restart). */
  readonly pid: number;
  /** Graceful shutdown; removes the data directory when it was created for this server. */
  stop(): Promise<void>;
  /** SIGKILL, as a crash would; data stays, restart() brings the server back. */
  kill(): Promise<void>;
  /** Stops the child if it is running, then starts it again on the same port and directory. */
  restart(): Promise<void>;
  /** The next `count` ranged GETs (206 responses) have their first byte flipped: a test-only fault. */
  corruptNextRangedGets(count?: number): Promise<void>;
}

/** The admin path both servers answer; never a valid bucket name, so it cannot collide. */
export const CORRUPT_PATH = '/__strata/corrupt-next-ranged-get';

/** GCS server only, GET: how many requests of each kind it answered (uploads, composes...). */
export const STATS_PATH = '/__strata/stats';

export async function startChildServer(
  entry: string,
  name: string,
  options: ChildServerOptions,
  extraArgs: string[] = [],
): Promise<TestServer> {
  const ownsDirectory = options.directory === undefined;
  const directory = options.directory ?? (await mkdtemp(join(tmpdir(), `strata-${name}-`)));
  let child: ChildProcess | undefined;
  let port = options.port ?? 0;

  const launch = async (): Promise<void> => {
    const started = await spawnServer(entry, name, [
      '--port',
      String(port),
      '--directory',
      directory,
      ...extraArgs,
    ]);
    child = started.child;
    port = started.port;
  };
  const waitForExit = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    const timer = setTimeout(() => running.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  try {
    await launch();
  } catch (error) {
    if (ownsDirectory) await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    get endpoint() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    directory,
    get pid() {
      return child?.pid ?? -1;
    },
    async stop() {
      await waitForExit('SIGTERM');
      if (ownsDirectory) await rm(directory, { recursive: true, force: true });
    },
    async kill() {
      await waitForExit('SIGKILL');
    },
    async restart() {
      await waitForExit('SIGTERM');
      await launch();
    },
    async corruptNextRangedGets(count = 1) {
      const response = await fetch(`http://127.0.0.1:${port}${CORRUPT_PATH}?count=${count}`, {
        method: 'POST',
      });
      if (!response.ok) throw new Error(`${name}: corruption switch answered ${response.status}`);
    },
  };
}

async function spawnServer(
  entry: string,
  name: string,
  args: string[],
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr = (stderr + text).slice(-4_000);
  });
  const lines = createInterface({ input: child.stdout! });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not start within ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `${name} exited during start (code ${code}, signal ${signal}): ${stderr.trim()}`,
          ),
        );
      });
      lines.on('line', (line) => {
        const message = parseReady(line);
        if (message === undefined) return;
        clearTimeout(timer);
        resolve(message);
      });
    });
    child.removeAllListeners('exit');
    return { child, port };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    lines.close();
    child.stdout?.resume(); // keep draining so the child never blocks on a full pipe
  }
}

function parseReady(line: string): number | undefined {
  try {
    const value = JSON.parse(line) as { ready?: boolean; port?: number };
    return value.ready === true && typeof value.port === 'number' ? value.port : undefined;
  } catch {
    return undefined;
  }
}

/** Child side: parses `--port N --directory D [--bucket B]... [--plain]`. */
export function parseServerArgs(argv: string[]): {
  port: number;
  directory: string;
  buckets: string[];
  plain: boolean;
} {
  let port = 0;
  let directory = '';
  let plain = false;
  const buckets: string[] = [];
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1] ?? '';
    if (argv[i] === '--plain') {
      plain = true;
      i -= 1; // a flag without a value
    } else if (argv[i] === '--port') port = Number(value);
    else if (argv[i] === '--directory') directory = value;
    else if (argv[i] === '--bucket') buckets.push(value);
  }
  if (!directory || !Number.isInteger(port))
    throw new Error(`usage: --port N --directory DIR [--bucket NAME]... [--plain]`);
  return { port, directory, buckets, plain };
}

/** Child side: announce readiness and exit cleanly on SIGTERM/SIGINT. */
export function announceReady(port: number, close: () => Promise<void>): void {
  process.stdout.write(`${JSON.stringify({ ready: true, port })}\n`);
  const shutdown = (): void => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  // A test runner killed mid-test cannot stop us: exit when our parent is gone (we get re-parented).
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) shutdown();
  }, 1_000).unref();
}
