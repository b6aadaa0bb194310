import { existsSync } from 'node:fs';
import { Storage } from '@google-cloud/storage';
import { GCS_STATS_PATH, startGcsServer } from '../src/index.js';

describe('startGcsServer (GCS JSON API as a child process)', () => {
  it('keeps objects and an unfinished resumable upload across kill -9 and restart', async () => {
    const server = await startGcsServer({ buckets: ['data'] });
    try {
      const bucket = new Storage({ apiEndpoint: server.endpoint }).bucket('data');
      await bucket.file('dir/kept.txt').save('kept across a crash', { resumable: false });

      // A resumable upload, first 256 KiB sent by hand as the SDK would, then a crash.
      const [session] = await bucket.file('resumed.bin').createResumableUpload();
      const first = Buffer.alloc(256 * 1024, 1);
      const partial = await fetch(session, {
        method: 'PUT',
        headers: { 'Content-Range': `bytes 0-${first.length - 1}/*` },
        body: first,
      });
      expect(partial.status).toBe(308);
      expect(partial.headers.get('range')).toBe(`bytes=0-${first.length - 1}`);

      const { port } = server;
      await server.kill();
      await server.restart();
      expect(server.port).toBe(port);

      const [kept] = await bucket.file('dir/kept.txt').download();
      expect(kept.toString()).toBe('kept across a crash');
      const status = await fetch(session, {
        method: 'PUT',
        headers: { 'Content-Range': 'bytes */*' },
      });
      expect(status.status).toBe(308);
      expect(status.headers.get('range')).toBe(`bytes=0-${first.length - 1}`);
      const last = Buffer.from('tail');
      const done = await fetch(session, {
        method: 'PUT',
        headers: {
          'Content-Range': `bytes ${first.length}-${first.length + 3}/${first.length + 4}`,
        },
        body: last,
      });
      expect(done.status).toBe(200);
      const [resumed] = await bucket.file('resumed.bin').download();
      expect(resumed.equals(Buffer.concat([first, last]))).toBe(true);
      const stats = (await (await fetch(`${server.endpoint}${GCS_STATS_PATH}`)).json()) as Record<
        string,
        number
      >;
      expect(stats['upload:resumable-put']).toBe(2); // counted since the restart
    } finally {
      await server.stop();
    }
    expect(existsSync(server.directory)).toBe(false);
  });

  it('answers the SDK like GCS: 404s, ranges, hashes, compose limits', async () => {
    const server = await startGcsServer({ buckets: ['data'] });
    try {
      const storage = new Storage({
        apiEndpoint: server.endpoint,
        retryOptions: { autoRetry: false },
      });
      const bucket = storage.bucket('data');
      expect((await bucket.exists())[0]).toBe(true);
      expect((await storage.bucket('absent').exists())[0]).toBe(false);
      await expect(bucket.file('missing').getMetadata()).rejects.toMatchObject({ code: 404 });

      await bucket.file('obj').save('0123456789', { resumable: false });
      const [meta] = await bucket.file('obj').getMetadata();
      expect(meta.size).toBe('10');
      expect(meta.md5Hash).toBe('eB5eJF1ptWaXm4bijSPyxw==');
      expect(meta.crc32c).toBe('KAwGng=='); // CRC32C('0123456789'), from the SDK's own implementation
      const [range] = await bucket.file('obj').download({ start: 3, end: 6 });
      expect(range.toString()).toBe('3456');

      await server.corruptNextRangedGets();
      const [corrupt] = await bucket.file('obj').download({ start: 3, end: 6 });
      expect(corrupt.toString()).not.toBe('3456');

      const sources = Array.from({ length: 33 }, () => bucket.file('obj'));
      await expect(bucket.combine(sources, bucket.file('too-many'))).rejects.toMatchObject({
        code: 400,
      });
    } finally {
      await server.stop();
    }
  });
});
