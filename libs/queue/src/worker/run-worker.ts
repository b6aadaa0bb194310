import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { Worker, WaitingError, type Job } from 'bullmq';
import { EXIT_FAILURE, UsageError } from '@strata/cli';
import { assertReachable, connectionOptions } from '../connection.js';
import { deadLetterKey, pushDeadLetter } from '../dead-letter.js';
import type { HandlerRegistry } from '../handler.js';
import { IncompatibleJobError, readJob } from '../job.js';
import { UriStores } from '../job-store.js';
import type { QueueAddress } from '../queue-url.js';
import { DEFAULT_LOCK_SECONDS, KEY_PREFIX, MAX_STALLED_COUNT, QUEUE_NAME } from '../settings.js';
import { JobThreads } from './job-threads.js';

export interface WorkerOptions {
  address: QueueAddress;
  handlers: HandlerRegistry;
  /** Jobs run at once (one thread each). */
  concurrency: number;
  lockSeconds?: number;
  /** One line per job and event, on stderr. */
  log?: (line: string) => void;
}

/** What a worker did, for its exit line. */
export interface WorkerSummary {
  completed: number;
  reused: number;
  failed: number;
}

/** What a job handler returns to BullMQ: only a note; the result itself is in the store. */
interface JobOutcome {
  reused: boolean;
  bytes: number;
}

/**
 * A long-running worker: takes jobs off the queue, runs each in a job thread and writes its result
 * to the store the job names. Resolves when it has stopped: on SIGTERM/SIGINT (after finishing the
 * jobs it holds; a second signal stops at once and the jobs go back to the queue when their locks
 * expire), or on a job of another schema version, which it hands back to the queue untouched and
 * rejects with a one-line UsageError.
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  const { address, handlers } = options;
  const log = options.log ?? (() => {});
  await assertReachable(address);
  const threads = new JobThreads(options.concurrency);
  const stores = new UriStores();
  const name = `${hostname()}:${process.pid}`;
  const summary: WorkerSummary = { completed: 0, reused: 0, failed: 0 };
  let refusal: UsageError | undefined;

  const process_ = async (job: Job, token?: string): Promise<JobOutcome> => {
    let document;
    try {
      document = readJob(job.data);
    } catch (error) {
      if (!(error instanceof IncompatibleJobError)) throw error;
      // Not ours to run or to fail: back to the queue for a worker of the right version.
      refusal ??= new UsageError(`${error.message} (job ${job.id} handed back to the queue)`);
      await job.moveToWait(token);
      void stop();
      throw new WaitingError();
    }
    const specifier = handlers[document.kind];
    if (specifier === undefined) {
      throw new Error(`this worker runs no '${document.kind}' jobs (it runs ${Object.keys(handlers).join(', ')})`);
    }
    // A finished job is never redone: its result is already where the job says.
    if (await stores.exists(document.output)) return { reused: true, bytes: 0 };
    const input = await stores.read(document.input);
    const output = await threads.run({ specifier, kind: document.kind, input, params: document.params });
    await stores.write(document.output, output);
    return { reused: false, bytes: output.length };
  };

  const lockDuration = (options.lockSeconds ?? DEFAULT_LOCK_SECONDS) * 1000;
  const worker = new Worker(QUEUE_NAME, process_, {
    connection: connectionOptions(address),
    prefix: KEY_PREFIX,
    concurrency: options.concurrency,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: MAX_STALLED_COUNT,
    autorun: false,
  });
  const deadLetters = new Redis(connectionOptions(address));
  deadLetters.on('error', () => {}); // ioredis reconnects; commands wait for it
  // While Redis is away every reconnect attempt fails the same way: say so once, not every 2 s.
  let lastError = '';
  worker.on('error', (error) => {
    if (error.message !== lastError) log(`worker: ${error.message} (retrying)`);
    lastError = error.message;
  });
  worker.on('ready', () => (lastError = ''));
  worker.on('completed', (job, outcome: JobOutcome) => {
    if (outcome.reused) summary.reused += 1;
    else summary.completed += 1;
    log(`${outcome.reused ? 'reused' : 'done'} ${job.id}${outcome.reused ? '' : ` (${outcome.bytes} bytes)`}`);
  });
  worker.on('failed', (job, error) => {
    if (!job || error instanceof WaitingError || error.name === 'WaitingError') return;
    const attempts = job.opts.attempts ?? 1;
    const final = job.attemptsMade >= attempts || error.name === 'UnrecoverableError';
    log(`failed ${job.id} (attempt ${job.attemptsMade} of ${attempts}): ${error.message}`);
    if (!final) return;
    summary.failed += 1;
    void pushDeadLetter(deadLetters, deadLetterKey(KEY_PREFIX, QUEUE_NAME), {
      jobId: String(job.id),
      kind: typeof job.data?.kind === 'string' ? job.data.kind : job.name,
      attempts: job.attemptsMade,
      reason: error.message,
      failedAt: new Date().toISOString(),
      worker: name,
      job: job.data,
    }).catch((pushError: unknown) => log(`could not record dead letter for ${job.id}: ${String(pushError)}`));
  });
  worker.on('active', (job) => log(`took ${job.id}`));
  worker.on('stalled', (jobId) => log(`stalled ${jobId}: its worker stopped renewing the lock; queued again`));

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= worker.close();
    return stopping;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // At once, even with Redis unreachable (a clean close would wait for it).
      log(`${signal} again: stopping now; jobs in hand go back to the queue when their locks expire`);
      process.exit(EXIT_FAILURE);
    } else {
      log(`${signal}: finishing the jobs in hand, taking no new ones`);
      void stop();
    }
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  log(`worker ${name}: ${options.concurrency} at once, queue ${address.url}, kinds ${Object.keys(handlers).join(', ')}`);
  try {
    await worker.run();
    await stopping;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await threads.close();
    await stores.close();
    deadLetters.disconnect();
  }
  if (refusal) throw refusal;
  return summary;
}
