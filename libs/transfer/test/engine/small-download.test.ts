/**
 * The remote → local fast path for small objects (engine/routes/small-download.ts) against s3rver: the
 * bytes land exactly, nested keys get their directories, and bytes that arrive damaged (one
 * flipped byte in a GET, injected by a store wrapper) are caught against the source's ETag and
 * fetched again, never left at the destination; a connection cut in the middle of a body (a
 * real TCP proxy in front of s3rver) is retried.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { startS3Server, S3RVER_CREDENTIALS, type TestServer } from '@strata/test-servers';
import { DEFAULT_TRANSFER_OPTIONS } from '../../src/engine/options.js';
import { runTransfer } from '../../src/engine/transfer.js';
import { openStore } from '../../src/stores/registry.js';
import { S3Store } from '../../src/stores/s3/s3-store.js';
import type { ByteRange } from '../../src/stores/types.js';

/** Flips the first byte of the first GET of every key (either read path): a damaged response, once. */
class DamagingS3 extends S3Store {
  readonly damaged = new Set<string>();
  override async read(key: string, range?: ByteRange): Promise<Readable> {
    const body = await super.read(key, range);
    if (this.damaged.has(key)) return body;
    this.damaged.add(key);
    let first = true;
    const out = new PassThrough({
      transform(chunk: Buffer, _encoding, callback) {
        if (first && chunk.length > 0) {
          first = false;
          const copy = Buffer.from(chunk);
          copy[0] = (copy[0] ?? 0) ^ 0xff;
          callback(null, copy);
        } else callback(null, chunk);
      },
    });
    return body.pipe(out);
  }
  // The small-object path reads whole objects through readChunks: damaged the same way.
  override async readChunks(key: string, limit: number) {
    const read = await super.readChunks(key, limit);
    if (this.damaged.has(key)) return read;
    this.damaged.add(key);
    const first = read.chunks[0];
    if (first && first.length > 0) {
      const copy = Buffer.from(first);
      copy[0] = (copy[0] ?? 0) ^ 0xff;
      read.chunks[0] = copy;
    }
    return read;
  }
}

let server: TestServer;
let root: string;
const files = new Map<string, Buffer>();

beforeAll(async () => {
  server = await startS3Server({ buckets: ['bucket'] });
  const store = new S3Store('bucket', {
    endpoint: server.endpoint,
    credentials: S3RVER_CREDENTIALS,
  });
  for (let i = 0; i < 12; i += 1) {
    const key = `${i % 3 === 0 ? 'deep/er/' : ''}f${i}.bin`;
    const data = randomBytes(1000 + i * 7919);
    files.set(key, data);
    await store.write(`small/${key}`, Readable.from([data]));
  }
  await store.close();
});
afterAll(() => server.stop());
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-small-download-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function download(source: S3Store) {
  const destination = await openStore(`${join(root, 'down')}/`);
  try {
    return await runTransfer(
      { store: source, key: 'small/', uri: 's3://bucket/small/' },
      { store: destination.store, key: destination.key, uri: join(root, 'down') },
      { ...DEFAULT_TRANSFER_OPTIONS, recursive: true, stateDir: join(root, 'state') },
    );
  } finally {
    await source.close();
  }
}

async function expectExactCopy(): Promise<void> {
  for (const [key, data] of files)
    expect((await readFile(join(root, 'down', key))).equals(data)).toBe(true);
  // Nothing else: no temporary files left beside the objects.
  expect((await readdir(join(root, 'down'))).sort()).toEqual(
    ['deep', ...[...files.keys()].filter((k) => !k.includes('/'))].sort(),
  );
}

it('downloads small objects byte for byte, nested keys included', async () => {
  const summary = await download(
    new S3Store('bucket', { endpoint: server.endpoint, credentials: S3RVER_CREDENTIALS }),
  );
  expect(summary).toMatchObject({ objects: files.size, failed: [], retries: 0 });
  await expectExactCopy();
});

it('catches a damaged response against the source ETag and fetches it again', async () => {
  const source = new DamagingS3('bucket', {
    endpoint: server.endpoint,
    credentials: S3RVER_CREDENTIALS,
  });
  const summary = await download(source);
  expect(source.damaged.size).toBe(files.size);
  expect(summary).toMatchObject({ objects: files.size, failed: [], retries: files.size });
  await expectExactCopy();
});

/**
 * A proxy in front of s3rver that cuts the connection halfway through the body of the first GET
 * of every object (headers and half the bytes sent, then the socket destroyed).
 */
async function startCuttingProxy(
  target: string,
): Promise<{ endpoint: string; cut: Set<string>; close: () => Promise<void> }> {
  const upstream = new URL(target);
  const cut = new Set<string>();
  const proxy = http.createServer((request, response) => {
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: request.url,
        method: request.method,
        headers: request.headers,
      },
      (answer) => {
        const path = request.url ?? '';
        const cutThis = request.method === 'GET' && !path.includes('list-type') && !cut.has(path);
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        if (!cutThis) {
          answer.pipe(response);
          return;
        }
        cut.add(path);
        const half = Math.floor(Number(answer.headers['content-length'] ?? 0) / 2);
        const sent: Buffer[] = [];
        let bytes = 0;
        answer.on('data', (chunk: Buffer) => {
          if (bytes >= half) return;
          sent.push(chunk.subarray(0, half - bytes));
          bytes += Math.min(chunk.length, half - bytes);
        });
        answer.on('end', () => {
          response.write(Buffer.concat(sent), () => response.socket?.destroy());
        });
      },
    );
    forward.on('error', () => response.destroy());
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    cut,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}

/** Proxies to close after each test, even one that timed out (its finally never runs). */
const proxies: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
});

it('retries an object whose connection was cut in the middle of its body', async () => {
  const proxy = await startCuttingProxy(server.endpoint);
  proxies.push(proxy);
  const summary = await download(
    new S3Store('bucket', { endpoint: proxy.endpoint, credentials: S3RVER_CREDENTIALS }),
  );
  expect(proxy.cut.size).toBe(files.size);
  expect(summary).toMatchObject({ objects: files.size, failed: [], retries: files.size });
  await expectExactCopy();
});
