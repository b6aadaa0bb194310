// A worker for the overhead benchmark: `strata worker` with only the empty job kind, or (--raw) a
// bare BullMQ worker whose processor returns at once (BullMQ's own floor, no store, no thread).
import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import { runWorker } from '@strata/queue/cli';
import { parseQueueUrl } from '@strata/queue';

const [url = '', mode = 'strata', concurrency = '8'] = process.argv.slice(2);
const address = parseQueueUrl(url);
if (mode === 'raw') {
  const worker = new Worker('bench-raw', async () => 'ok', {
    connection: { host: address.host, port: address.port, maxRetriesPerRequest: null },
    prefix: 'strata-bench',
    concurrency: Number(concurrency),
  });
  process.stderr.write('worker ready\n');
  process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
} else {
  process.stderr.write('worker ready\n');
  await runWorker({
    address,
    concurrency: Number(concurrency),
    handlers: { 'bench.noop': fileURLToPath(new URL('./noop-jobs.ts', import.meta.url)) },
  });
}
