/**
 * Child-process entry: runs s3rver on 127.0.0.1 with a test-only corruption switch in front,
 * and (unless `--plain`) the fixes of s3rver-fixes.ts. Started by startS3Server; not a public
 * module.
 */
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { announceReady, CORRUPT_PATH, parseServerArgs } from '../child-server.js';
import { flipFirstByte } from '../corrupt.js';
import { s3rverFixes } from './s3rver-fixes.js';

const { port, directory, buckets, plain } = parseServerArgs(process.argv.slice(2));
const server = new S3rver({
  address: '127.0.0.1',
  port,
  directory,
  silent: true,
  configureBuckets: buckets.map((name) => ({ name })),
});

let rangedGetsToCorrupt = 0;
server.middleware.unshift(
  async (ctx, next) => {
    if (ctx.path === CORRUPT_PATH && ctx.method === 'POST') {
      rangedGetsToCorrupt += Number(ctx.query['count'] ?? 1);
      ctx.status = 204;
      return;
    }
    await next();
    if (
      rangedGetsToCorrupt > 0 &&
      ctx.method === 'GET' &&
      ctx.status === 206 &&
      ctx.body instanceof Readable
    ) {
      rangedGetsToCorrupt--;
      ctx.body = ctx.body.pipe(flipFirstByte());
    }
  },
  ...(plain ? [] : s3rverFixes(server.store)),
);

const address = await server.run();
announceReady(address.port, () => server.close());
