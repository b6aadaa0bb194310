import { UsageError } from '@strata/cli';

/** Where the queue lives: a Redis server (BullMQ keeps jobs, locks and events there). */
export interface QueueAddress {
  /** As given, for messages. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly password?: string;
  readonly username?: string;
  /** rediss:// asks for TLS. */
  readonly tls: boolean;
}

const EXAMPLE = 'e.g. --queue redis://10.0.0.5:6379';

/** Parses `redis://[user:password@]HOST[:PORT][/DB]` (or rediss://); anything else is a UsageError. */
export function parseQueueUrl(url: string): QueueAddress {
  if (/^rediss?:\/\/([^@/]*@)?(:|\/|$)/.test(url)) {
    throw new UsageError(`--queue '${url}' names no host: name the Redis server, ${EXAMPLE}`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--queue '${url}' is not a URL: name the Redis server, ${EXAMPLE}`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new UsageError(`--queue '${url}' is not a redis:// URL: name the Redis server, ${EXAMPLE}`);
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new UsageError(`--queue '${url}' names no host: name the Redis server, ${EXAMPLE}`);
  const port = parsed.port === '' ? 6379 : Number(parsed.port);
  const dbText = parsed.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) {
    throw new UsageError(`--queue '${url}': database '${dbText}' is not a whole number: write redis://HOST:PORT/0`);
  }
  return {
    url,
    host,
    port,
    db,
    tls: parsed.protocol === 'rediss:',
    ...(parsed.password === '' ? {} : { password: decodeURIComponent(parsed.password) }),
    ...(parsed.username === '' ? {} : { username: decodeURIComponent(parsed.username) }),
  };
}
