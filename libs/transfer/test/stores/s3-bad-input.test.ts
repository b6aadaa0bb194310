import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { UsageError } from '@strata/cli';
import { startS3Server, S3RVER_CREDENTIALS, type TestServer } from '@strata/test-servers';
import { TransientError } from '../../src/stores/errors.js';
import { openStore } from '../../src/stores/registry.js';
import { S3Store } from '../../src/stores/s3/s3-store.js';

describe('S3 store: bad input and failures become classified one-line errors', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startS3Server({ buckets: ['present'] });
  });
  afterAll(() => server.stop());

  it('names a missing bucket and says what to do, for every kind of call', async () => {
    const store = new S3Store('no-such-bucket', {
      endpoint: server.endpoint,
      credentials: S3RVER_CREDENTIALS,
    });
    const calls: (() => Promise<unknown>)[] = [
      () => store.head('k'),
      () => store.read('k'),
      () => store.listPage(''),
      () => store.write('k', Readable.from([Buffer.from('x')])),
      () => store.createMultipart('k'),
    ];
    for (const call of calls) {
      const error: unknown = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(
        /^bucket 's3:\/\/no-such-bucket' does not exist: create it/,
      );
      expect((error as Error).message).not.toContain('\n');
    }
    await store.close();
  });

  it('says how to provide credentials when the provider chain finds none', async () => {
    const saved = { ...process.env };
    for (const name of Object.keys(process.env))
      if (name.startsWith('AWS_')) delete process.env[name];
    Object.assign(process.env, {
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_EC2_METADATA_DISABLED: 'true', // never probe the instance-metadata address from a test
    });
    try {
      const store = new S3Store('present', { endpoint: server.endpoint });
      const error: unknown = await store.head('k').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(
        /^no AWS credentials found for s3:\/\/present: set AWS_ACCESS_KEY_ID/,
      );
      expect((error as Error).message).not.toContain('\n');
      await store.close();
    } finally {
      process.env = saved;
    }
  });

  it('classifies a server that is down as transient (retryable)', async () => {
    const down = await startS3Server();
    const store = new S3Store('present', {
      endpoint: down.endpoint,
      credentials: S3RVER_CREDENTIALS,
    });
    await down.stop();
    const error: unknown = await store.head('k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).retryable).toBe(true);
    await store.close();
  });

  it('classifies a connection dropped in the middle of a read as transient', async () => {
    const crashing = await startS3Server({ buckets: ['present'] });
    const store = new S3Store('present', {
      endpoint: crashing.endpoint,
      credentials: S3RVER_CREDENTIALS,
    });
    try {
      await store.write('big', Readable.from([randomBytes(24 * 1024 * 1024)]));
      const stream = await store.read('big');
      const iterator = stream[Symbol.asyncIterator]();
      await iterator.next(); // the response has started
      await crashing.kill();
      const error: unknown = await (async () => {
        for (let next = await iterator.next(); !next.done; next = await iterator.next());
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransientError);
    } finally {
      await store.close();
      await crashing.stop();
    }
  });

  it('opens s3:// URIs with the endpoint from AWS_ENDPOINT_URL', async () => {
    const saved = process.env['AWS_ENDPOINT_URL'];
    process.env['AWS_ENDPOINT_URL'] = server.endpoint;
    try {
      const { store, key } = await openStore('s3://present/dir/file.txt', {
        s3: { credentials: S3RVER_CREDENTIALS },
      });
      expect(store.uri).toBe('s3://present/');
      expect(key).toBe('dir/file.txt');
      await store.write(key, Readable.from([Buffer.from('via env')]));
      expect((await store.head(key))?.size).toBe(7);
      await store.close?.();
    } finally {
      if (saved === undefined) delete process.env['AWS_ENDPOINT_URL'];
      else process.env['AWS_ENDPOINT_URL'] = saved;
    }
  });
});
