import { jest } from '@jest/globals';
import { Queue } from 'bullmq';
import { JOB_FORMAT, JOB_VERSION, KEY_PREFIX, QUEUE_NAME } from '../src/index.js';
import { freePort, startRedis, type RedisServer } from './support/redis-server.js';
import { runStrata } from './support/strata-process.js';

/** The command's last stderr line: the one-line error. */
function errorLine(stderr: string): string {
  const lines = stderr.trimEnd().split('\n');
  return lines[lines.length - 1] ?? '';
}

describe('bad input to producers and workers', () => {
  jest.setTimeout(120_000);

  it('a queue URL without a host: one line, exit 2', async () => {
    const result = await runStrata(['worker', '--queue', 'redis://:6379']);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--queue 'redis:\/\/:6379' names no host/);
  });

  it('an unreachable Redis: one line, exit 1, for a worker and for a producer', async () => {
    const port = await freePort(); // nothing listens there
    const worker = await runStrata(['worker', '--queue', `redis://127.0.0.1:${port}`]);
    expect(worker.code).toBe(1);
    expect(worker.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(worker.stderr).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED.*\): start redis-server/);
    const producer = await runStrata([
      'remat', 'sweep', '--graph', 'examples/graphs/unet-small.json', '--solvers', 'checkpoint-all',
      '--budgets', '100%', '--out', `/tmp/strata-queue-unreachable-${process.pid}`, '--queue', `redis://127.0.0.1:${port}`,
    ]);
    expect(producer.code).toBe(1);
    expect(errorLine(producer.stderr)).toMatch(/cannot reach Redis/);
  });

  describe('with Redis on loopback', () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await startRedis({ host: '127.0.0.1', port: await freePort() });
    });
    afterAll(async () => {
      await redis.stop();
    });

    it('a job of another schema version: the worker refuses with one line, exit 2, and hands the job back', async () => {
      const url = new URL(redis.url);
      const queue = new Queue(QUEUE_NAME, { connection: { host: url.hostname, port: Number(url.port) }, prefix: KEY_PREFIX });
      const future = { format: JOB_FORMAT, version: JOB_VERSION + 1, kind: 'corpus.augment', input: 'file:///x', output: 'file:///y', params: {} };
      await queue.add('corpus.augment', future, { jobId: 'from-the-future' });
      try {
        const worker = await runStrata(['worker', '--queue', redis.url]);
        expect(worker.code).toBe(2);
        expect(errorLine(worker.stderr)).toMatch(
          new RegExp(`^strata: job has schema version ${JOB_VERSION + 1}, this worker reads version ${JOB_VERSION}: .*\\(job from-the-future handed back to the queue\\)$`),
        );
        expect(await queue.getJobState('from-the-future')).toBe('waiting');
      } finally {
        await queue.obliterate({ force: true });
        await queue.close();
      }
    });
  });
});
