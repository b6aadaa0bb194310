import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { FailureError } from '@strata/cli';
import type { QueueAddress } from './queue-url.js';

/** How long a first connection may take before the server counts as unreachable. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Options for BullMQ's connections: workers and queue-event readers block on Redis, so commands
 * wait for a reconnect instead of failing (maxRetriesPerRequest: null, as BullMQ requires); a Redis
 * restart is then a pause, not an error.
 */
export function connectionOptions(address: QueueAddress): RedisOptions {
  return {
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.password === undefined ? {} : { password: address.password }),
    ...(address.username === undefined ? {} : { username: address.username }),
    ...(address.tls ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    // Reconnect forever, at most every 2 s: workers outlive Redis restarts.
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
  };
}

/**
 * Fails with one line when Redis cannot be reached, before any worker or producer starts: BullMQ
 * itself would retry for ever in silence.
 */
export async function assertReachable(address: QueueAddress): Promise<void> {
  const probe = new Redis({
    ...connectionOptions(address),
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let cause: Error | undefined; // the socket's error says more than ioredis' 'Connection is closed'
  probe.on('error', (error: Error) => (cause ??= error));
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const reason = (cause ?? (error instanceof Error ? error : new Error(String(error)))).message;
    throw new FailureError(
      `cannot reach Redis at ${address.url} (${reason}): start redis-server there or correct --queue`,
    );
  } finally {
    probe.disconnect();
  }
}
