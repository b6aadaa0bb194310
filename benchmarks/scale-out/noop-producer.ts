// Submits N empty jobs at once and prints {jobs, seconds, jobsPerSecond} as one JSON line: through
// Strata's JobClient (input stored, job queued, run in a job thread, result written and read back)
// or (--raw) as bare BullMQ jobs.
import { Queue, QueueEvents } from 'bullmq';
import { JobClient, parseQueueUrl } from '@strata/queue';

const [url = '', mode = 'strata', countText = '500', jobStore = '/tmp/strata-bench-noop'] = process.argv.slice(2);
const count = Number(countText);
const nonce = `${process.pid}-${Date.now()}`;
let seconds: number;
if (mode === 'raw') {
  const address = parseQueueUrl(url);
  const connection = { host: address.host, port: address.port, maxRetriesPerRequest: null };
  const queue = new Queue('bench-raw', { connection, prefix: 'strata-bench' });
  const events = new QueueEvents('bench-raw', { connection, prefix: 'strata-bench' });
  await events.waitUntilReady();
  let completed = 0;
  const done = new Promise<void>((resolve) =>
    events.on('completed', () => {
      completed += 1;
      if (completed === count) resolve();
    }),
  );
  const started = performance.now();
  await queue.addBulk(Array.from({ length: count }, (_, index) => ({ name: 'noop', data: { index, nonce }, opts: { removeOnComplete: true } })));
  await done;
  seconds = (performance.now() - started) / 1000;
  await events.close();
  await queue.close();
} else {
  const client = await JobClient.open({ queue: url, jobStore });
  const started = performance.now();
  await Promise.all(Array.from({ length: count }, (_, index) => client.run('bench.noop', Buffer.from(`${nonce}:${index}`), {})));
  seconds = (performance.now() - started) / 1000;
  await client.close();
}
const cpu = process.cpuUsage();
const producerCpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(`${JSON.stringify({ mode, jobs: count, seconds, jobsPerSecond: count / seconds, producerCpuSeconds })}\n`);
