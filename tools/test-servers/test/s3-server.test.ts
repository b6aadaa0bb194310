import { existsSync } from 'node:fs';
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  ListObjectsV2Command,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { S3RVER_CREDENTIALS, startS3Server, type TestServer } from '../src/index.js';

function client(server: TestServer): S3Client {
  return new S3Client({
    endpoint: server.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    maxAttempts: 1,
  });
}

async function getText(s3: S3Client, key: string, range?: string): Promise<string> {
  const output = await s3.send(new GetObjectCommand({ Bucket: 'data', Key: key, Range: range }));
  return output.Body!.transformToString();
}

describe('startS3Server (s3rver as a child process)', () => {
  it('serves S3, survives kill -9 with its data on the same port, and cleans up on stop', async () => {
    const server = await startS3Server({ buckets: ['data'] });
    const s3 = client(server);
    try {
      expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await s3.send(
        new PutObjectCommand({ Bucket: 'data', Key: 'a/b.txt', Body: 'kept across a crash' }),
      );
      await s3.send(new CreateBucketCommand({ Bucket: 'made-later' }));
      const { port, pid } = server;

      await server.kill();
      expect(() => process.kill(pid, 0)).toThrow(); // the process is really gone
      await expect(fetch(server.endpoint)).rejects.toThrow();

      await server.restart();
      expect(server.port).toBe(port);
      expect(server.pid).not.toBe(pid);
      expect(await getText(s3, 'a/b.txt')).toBe('kept across a crash');
    } finally {
      s3.destroy();
      await server.stop();
    }
    expect(existsSync(server.directory)).toBe(false);
  });

  it('flips the first byte of the next ranged GET when asked, and only that one', async () => {
    const server = await startS3Server({ buckets: ['data'] });
    const s3 = client(server);
    try {
      await s3.send(new PutObjectCommand({ Bucket: 'data', Key: 'obj', Body: 'abcdefgh' }));
      await server.corruptNextRangedGets(1);
      expect(await getText(s3, 'obj')).toBe('abcdefgh'); // whole-object GETs are left alone
      const corrupted = await getText(s3, 'obj', 'bytes=2-5');
      expect(corrupted).not.toBe('cdef');
      expect(corrupted.slice(1)).toBe('def');
      expect(await getText(s3, 'obj', 'bytes=2-5')).toBe('cdef');
      expect(await getText(s3, 'obj', 'bytes=0-0')).toBe('a');
    } finally {
      s3.destroy();
      await server.stop();
    }
  });
});

describe('credentials are checked on listings and aborts, as plain s3rver checks them', () => {
  for (const plain of [false, true]) {
    it(`${plain ? 'plain s3rver' : 'the wrapper'}: a listing with an unknown access key is refused`, async () => {
      const server = await startS3Server({ buckets: ['data'], plain });
      const good = client(server);
      const wrong = new S3Client({
        endpoint: server.endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'WRONG', secretAccessKey: 'WRONG' },
        maxAttempts: 1,
      });
      try {
        await good.send(new PutObjectCommand({ Bucket: 'data', Key: 'k', Body: 'v' }));
        const listed = await good.send(new ListObjectsV2Command({ Bucket: 'data' }));
        expect(listed.Contents?.map((o) => o.Key)).toEqual(['k']);
        await expect(
          wrong.send(new ListObjectsV2Command({ Bucket: 'data' })),
        ).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
        await expect(
          wrong.send(new AbortMultipartUploadCommand({ Bucket: 'data', Key: 'k', UploadId: 'ab' })),
        ).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
      } finally {
        good.destroy();
        wrong.destroy();
        await server.stop();
      }
    });
  }
});
