import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

export interface RedisServer {
  /** redis://HOST:PORT, as producers and workers are given it. */
  readonly url: string;
  /** SIGKILL, then start again on the same port and data directory (append-only file on). */
  crashAndRestart(): Promise<void>;
  client(): Redis;
  /** The server's process id (for CPU accounting in benchmarks). */
  pid(): number;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * A real redis-server with persistence on (appendonly, fsync on every write), optionally inside a
 * network namespace (`prefix`: e.g. ['ip', 'netns', 'exec', NS]).
 */
export async function startRedis(options: {
  host: string;
  port: number;
  bind?: string;
  prefix?: string[];
}): Promise<RedisServer> {
  const directory = await mkdtemp(path.join(tmpdir(), 'strata-redis-'));
  const prefix = options.prefix ?? [];
  let child: ChildProcess | undefined;
  const url = `redis://${options.host}:${options.port}`;
  const clients: Redis[] = [];

  const launch = async (): Promise<void> => {
    const args = [
      '--port', String(options.port),
      '--bind', options.bind ?? options.host,
      '--dir', directory,
      '--appendonly', 'yes',
      '--appendfsync', 'always',
      '--save', '',
      '--protected-mode', 'no',
    ];
    const [command, ...rest] = [...prefix, 'redis-server', ...args] as [string, ...string[]];
    const started = spawn(command, rest, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 20_000);
      started.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      started.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${output}`));
      });
    });
  };
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };
  await launch();
  return {
    url,
    async crashAndRestart() {
      await kill('SIGKILL');
      await launch();
    },
    pid: () => child?.pid ?? -1,
    client() {
      // Only reachable from the namespace the test runs in when no prefix is used.
      const redis = new Redis({ host: options.host, port: options.port, maxRetriesPerRequest: 3 });
      clients.push(redis);
      return redis;
    },
    async stop() {
      for (const redis of clients) redis.disconnect();
      await kill('SIGTERM');
      await rm(directory, { recursive: true, force: true });
    },
  };
}
