import { Queue, QueueEvents, type Job } from 'bullmq';
import { FailureError } from '@strata/cli';
import { assertReachable, connectionOptions } from './connection.js';
import { deadLetterKey } from './dead-letter.js';
import { JOB_FORMAT, JOB_VERSION, jobId, type JobDocument, type JobParams } from './job.js';
import { JobStore, UriStores } from './job-store.js';
import { parseQueueUrl, type QueueAddress } from './queue-url.js';
import { JOB_ATTEMPTS, KEY_PREFIX, QUEUE_NAME, RETRY_DELAY_MS } from './settings.js';

export interface JobClientOptions {
  /** `redis://HOST:PORT`, as the user wrote it. */
  queue: string;
  /** Where inputs and results go: a URI or path every worker host can reach. */
  jobStore: string;
  /** Called once per job that finished (ran, or was found finished), for progress. */
  onFinished?: (job: JobDocument) => void;
}

/** How often the producer asks Redis for jobs whose finish event it may have missed (a Redis restart). */
const RECONCILE_MS = 5_000;

interface Pending {
  document: JobDocument;
  settle: (outcome: { ok: true } | { ok: false; reason: string }) => void;
}

/**
 * The producer's side of the queue: submits jobs (their inputs stored first), waits for each on
 * BullMQ's event stream, and reads back its result. A job whose result is already in the store is
 * not submitted at all; a job of an earlier run that failed is retried.
 */
export class JobClient {
  private readonly pending = new Map<string, Pending>();
  private readonly failures: { id: string; reason: string }[] = [];
  private submitted = 0;
  private reconciler: NodeJS.Timeout | undefined;

  private constructor(
    readonly address: QueueAddress,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly store: JobStore,
    private readonly stores: UriStores,
    private readonly onFinished: (job: JobDocument) => void,
  ) {
    const finish = (id: string, outcome: { ok: true } | { ok: false; reason: string }): void => {
      this.pending.get(id)?.settle(outcome);
    };
    events.on('completed', ({ jobId: id }) => finish(id, { ok: true }));
    events.on('failed', ({ jobId: id, failedReason }) => finish(id, { ok: false, reason: failedReason }));
    this.reconciler = setInterval(() => void this.reconcile(), RECONCILE_MS);
    this.reconciler.unref();
  }

  static async open(options: JobClientOptions): Promise<JobClient> {
    const address = parseQueueUrl(options.queue);
    await assertReachable(address);
    const store = await JobStore.open(options.jobStore);
    const connection = connectionOptions(address);
    const queue = new Queue(QUEUE_NAME, { connection, prefix: KEY_PREFIX });
    const events = new QueueEvents(QUEUE_NAME, { connection, prefix: KEY_PREFIX });
    queue.on('error', () => {}); // ioredis reconnects; commands wait for it
    events.on('error', () => {});
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    return new JobClient(address, queue, events, store, new UriStores(), options.onFinished ?? (() => {}));
  }

  /** Runs one job somewhere on the queue; resolves with its result's bytes. */
  async run(kind: string, input: Uint8Array, params: JobParams): Promise<Buffer> {
    const inputUri = await this.store.putInput(input);
    const identity = { kind, version: JOB_VERSION, input: inputUri, params };
    const id = jobId(identity);
    const document: JobDocument = { format: JOB_FORMAT, ...identity, output: this.store.resultUri(id) };
    this.submitted += 1;
    if (!(await this.stores.exists(document.output))) await this.submitAndWait(id, document);
    this.onFinished(document);
    return this.stores.read(document.output);
  }

  /**
   * Waits until no job is in flight, then fails with one line if any job failed for good: how
   * many, the first reason, and where the dead letters are.
   */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    const first = this.failures[0];
    if (first) {
      throw new FailureError(
        `${this.failures.length} of ${this.submitted} jobs failed after ${JOB_ATTEMPTS} attempts (first: ${first.id}: ${first.reason}); they are in Redis list ${deadLetterKey(KEY_PREFIX, QUEUE_NAME)} ('strata worker --queue ${this.address.url} --dead-letters'); fix the cause and run again: finished jobs are not redone`,
      );
    }
  }

  async close(): Promise<void> {
    clearInterval(this.reconciler);
    await this.events.close();
    await this.queue.close();
    await this.stores.close();
    await this.store.close();
  }

  private async submitAndWait(id: string, document: JobDocument): Promise<void> {
    const done = new Promise<{ ok: true } | { ok: false; reason: string }>((resolve) =>
      this.pending.set(id, { document, settle: resolve }),
    );
    // The event listener is in place before the job exists, so no finish can be missed.
    await this.enqueue(id, document);
    const outcome = await done;
    this.pending.delete(id);
    if (!outcome.ok) {
      this.failures.push({ id, reason: outcome.reason });
      throw new FailureError(`job ${id} failed: ${outcome.reason}`);
    }
  }

  /** Adds the job under its own id: a job already queued, running or finished is not added twice. */
  private async enqueue(id: string, document: JobDocument): Promise<void> {
    const job: Job = await this.queue.add(document.kind, document, {
      jobId: id,
      attempts: JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: RETRY_DELAY_MS },
      // Finished jobs stay a day, so a producer run again sees them; results live in the store.
      removeOnComplete: { age: 24 * 3600 },
      // Failed jobs stay a day too; their reasons are also in the dead-letter list.
      removeOnFail: { age: 24 * 3600 },
    });
    // A job of an earlier run that failed for good: run it again (the cause may be fixed).
    if ((await this.queue.getJobState(id)) === 'failed') await job.retry('failed').catch(() => undefined);
  }

  /** Settles jobs whose finish event was not seen (events lost in a Redis restart) and re-adds lost jobs. */
  private async reconcile(): Promise<void> {
    for (const [id, { document, settle }] of [...this.pending]) {
      try {
        const state = await this.queue.getJobState(id);
        if (state === 'completed') settle({ ok: true });
        else if (state === 'failed') {
          const job = await this.queue.getJob(id);
          settle({ ok: false, reason: job?.failedReason ?? 'failed' });
        } else if (state === 'unknown') {
          if (await this.stores.exists(document.output)) settle({ ok: true });
          else await this.enqueue(id, document);
        }
      } catch {
        return; // Redis is away: try again at the next round
      }
    }
  }
}
