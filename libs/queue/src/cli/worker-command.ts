import type { CommandModule } from 'yargs';
import { Redis } from 'ioredis';
import { createLogger, printJson, printLine, UsageError, type GlobalOptions } from '@strata/cli';
import { assertReachable, connectionOptions } from '../connection.js';
import { deadLetterKey, readDeadLetters } from '../dead-letter.js';
import type { HandlerRegistry } from '../handler.js';
import { parseQueueUrl, type QueueAddress } from '../queue-url.js';
import { DEFAULT_LOCK_SECONDS, KEY_PREFIX, QUEUE_NAME } from '../settings.js';
import { runWorker } from '../worker/run-worker.js';

interface WorkerArgs extends GlobalOptions {
  queue: string;
  concurrency: number;
  'lock-seconds': number;
  'dead-letters': boolean;
}

function wholeNumber(value: number, flag: string): number {
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} ${value} is not a whole number >= 1`);
  return value;
}

async function printDeadLetters(address: QueueAddress, json: boolean): Promise<void> {
  await assertReachable(address);
  const redis = new Redis({ ...connectionOptions(address), maxRetriesPerRequest: 1 });
  try {
    const key = deadLetterKey(KEY_PREFIX, QUEUE_NAME);
    const letters = await readDeadLetters(redis, key);
    if (json) {
      printJson({ key, deadLetters: letters });
      return;
    }
    printLine(`${letters.length} dead letters in ${key}${letters.length === 100 ? ' (newest 100)' : ''}`);
    for (const letter of letters) {
      printLine(`${letter.failedAt} ${letter.jobId} after ${letter.attempts} attempts on ${letter.worker}: ${letter.reason}`);
    }
  } finally {
    redis.disconnect();
  }
}

/**
 * `strata worker --queue redis://HOST:PORT [--concurrency N]`: the app passes the job kinds this
 * binary can run (kind → handler module), so this library stays free of the libraries whose jobs it runs.
 */
export function workerCommand(handlers: HandlerRegistry): CommandModule<GlobalOptions, WorkerArgs> {
  return {
    command: 'worker',
    describe: 'Run queued jobs (corpus augmentation, remat sweep points) for producers on any host',
    builder: (yargs) =>
      yargs
        .option('queue', { type: 'string', demandOption: true, describe: 'The Redis server: redis://HOST:PORT' })
        .option('concurrency', { type: 'number', default: 1, describe: 'Jobs at once, one thread each (e.g. the host\'s cores)' })
        .option('lock-seconds', {
          type: 'number',
          default: DEFAULT_LOCK_SECONDS,
          describe: 'A job of a worker that stops renewing its lock this long is given to another worker',
        })
        .option('dead-letters', { type: 'boolean', default: false, describe: 'Print the jobs that failed for good, with reasons, and exit' }),
    handler: async (argv) => {
      const address = parseQueueUrl(argv.queue);
      if (argv['dead-letters']) {
        await printDeadLetters(address, argv.json === true);
        return;
      }
      const logger = createLogger(argv);
      const summary = await runWorker({
        address,
        handlers,
        concurrency: wholeNumber(argv.concurrency, '--concurrency'),
        lockSeconds: wholeNumber(argv['lock-seconds'], '--lock-seconds'),
        log: (line) => logger.info(line),
      });
      if (argv.json) printJson(summary);
      else printLine(`worker stopped: ${summary.completed} jobs done, ${summary.reused} found done, ${summary.failed} failed for good`);
    },
  };
}
