/**
 * The background checkpoint writer (DataStates-LLM / CheckFreq): the trainer hands over a
 * snapshot already copied into host memory and goes on training while it is written
 * (commit.ts: shards, then the manifest, then retention).
 *
 * Where the write runs: `CheckpointWriter.inWorker(uri)` (what the trainer uses) moves it to a
 * worker thread, so TF.js kernels on the training thread and the write's JavaScript never wait
 * for each other; `new CheckpointWriter(store, prefix)` runs it on the calling thread, between
 * whatever else that thread does.
 *
 * At most one write is in flight. When the next checkpoint is due before it finishes, the policy
 * decides: 'wait' (default) blocks the step until the write is done, then snapshots, so no
 * checkpoint is lost; 'skip' drops the new checkpoint and training goes on.
 *
 * A write that has not committed within `timeoutMs` fails (a store that accepts the connection and
 * never answers, a filesystem call that never returns): the caller decides whether a failed
 * checkpoint stops the run (`failure`), it is never only a line in a log.
 */
import { Worker } from 'node:worker_threads';
import type { ObjectStore } from '@strata/transfer';
import {
  commitCheckpoint,
  describe,
  type CheckpointSnapshot,
  type CommitOptions,
  type WriterEvent,
} from './commit.js';
import type { ToWorker, WorkerSetup } from './write-worker.js';

export type { CheckpointSnapshot, WriterEvent, CommitOptions } from './commit.js';

const formatSeconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
export type InFlightPolicy = 'wait' | 'skip';

export interface WriterOptions extends CommitOptions {
  inFlight: InFlightPolicy;
  onEvent?: (event: WriterEvent) => void;
  /** inWorker only: the worker writes each event's log line to stderr itself, as it happens. */
  echoToStderr?: boolean;
  /** A write still running after this long fails (default: no limit). */
  timeoutMs?: number;
}

export interface FailedWrite {
  step: number;
  error: string;
}

type Committer = (snapshot: CheckpointSnapshot) => Promise<void>;

type FromWorker =
  | { type: 'ready' }
  | { type: 'event'; event: WriterEvent }
  | { type: 'done'; id: number; error?: string }
  | { type: 'closed' };

export class CheckpointWriter {
  private inFlight: { step: number; done: Promise<void> } | undefined;
  private lastError: unknown;
  private committed: number | undefined;
  private readonly failedWrites: FailedWrite[] = [];
  private timedOut = false;
  private closeWorker: ((force: boolean) => Promise<void>) | undefined;

  private constructor(
    private readonly commit: Committer,
    private readonly options: WriterOptions,
  ) {}

  /** A writer that runs the I/O on this thread, between whatever else the thread does. */
  static onThisThread(
    store: ObjectStore,
    prefix: string,
    options: WriterOptions,
  ): CheckpointWriter {
    const writer: CheckpointWriter = new CheckpointWriter(
      (snapshot) =>
        commitCheckpoint(store, prefix, snapshot, options, (event) => writer.emit(event)),
      options,
    );
    return writer;
  }

  /** A writer whose I/O runs in a worker thread with its own connection to `uri`. */
  static async inWorker(uri: string, options: WriterOptions): Promise<CheckpointWriter> {
    const setup: WorkerSetup = {
      entry: new URL('./write-worker.ts', import.meta.url).href,
      uri,
      echoToStderr: options.echoToStderr === true,
      options: {
        keepLast: options.keepLast,
        ...(options.multipartThreshold ? { multipartThreshold: options.multipartThreshold } : {}),
        ...(options.partSize ? { partSize: options.partSize } : {}),
        ...(options.retry ? { retry: options.retry } : {}),
      },
    };
    // env given explicitly: the worker sees this module's view of the environment (jest sandboxes it).
    const worker = new Worker(new URL('./boot-worker.mjs', import.meta.url), {
      workerData: setup,
      env: { ...process.env },
    });
    const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
    let nextId = 0;
    let crashed: Error | undefined;
    const writer = new CheckpointWriter((snapshot) => {
      if (crashed) return Promise.reject(crashed);
      const id = (nextId += 1);
      return new Promise<void>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const message: ToWorker = { type: 'commit', id, snapshot };
        // The shard buffers move to the worker without a copy; the snapshot is the trainer's copy.
        worker.postMessage(message, [
          ...new Set(snapshot.shards.map((shard) => shard.bytes.buffer as ArrayBuffer)),
        ]);
      });
    }, options);
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'closed') void worker.terminate();
        else if (message.type === 'event') writer.emit(message.event);
        else {
          const waiting = pending.get(message.id);
          pending.delete(message.id);
          if (message.error === undefined) waiting?.resolve();
          else waiting?.reject(new Error(message.error));
        }
      });
      const fail = (why: string): void => {
        crashed ??= new Error(`the checkpoint writer thread ${why}`);
        reject(crashed);
        for (const waiting of pending.values()) waiting.reject(crashed);
        pending.clear();
      };
      worker.once('error', (error) => fail(`failed: ${error.message}`));
      worker.once('exit', (code) => fail(`exited (code ${code})`));
    });
    await ready;
    writer.closeWorker = async (force) => {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      // After a timeout the worker is still inside the hung write: a polite close would wait for it.
      if (force) await worker.terminate();
      else worker.postMessage({ type: 'close' } satisfies ToWorker);
      await exited;
    };
    return writer;
  }

  /** Step of the newest checkpoint this writer committed. */
  get lastCommittedStep(): number | undefined {
    return this.committed;
  }

  get busy(): boolean {
    return this.inFlight !== undefined;
  }

  /** Every write that failed so far, oldest first. */
  get failures(): readonly FailedWrite[] {
    return this.failedWrites;
  }

  /**
   * Called at a checkpoint boundary, before the snapshot is taken (the snapshot costs a copy of
   * the model: skip it when it would be dropped). Resolves once a snapshot may be taken:
   * 'take' (write starts after `submit`), or 'skip' when the policy drops this checkpoint.
   */
  async ready(step: number): Promise<'take' | 'skip'> {
    if (!this.inFlight) return 'take';
    if (this.options.inFlight === 'skip') {
      this.emit({ type: 'skipped', step, inFlightStep: this.inFlight.step });
      return 'skip';
    }
    await this.inFlight.done;
    return 'take';
  }

  /** Starts the background write of a snapshot; call `ready` first. */
  submit(snapshot: CheckpointSnapshot): void {
    if (this.inFlight) {
      throw new Error('a checkpoint write is already in flight: await ready() first');
    }
    const done = this.withTimeout(this.commit(snapshot)).then(
      () => {
        this.committed = snapshot.step;
      },
      (error: unknown) => {
        this.lastError = error;
        this.failedWrites.push({ step: snapshot.step, error: describe(error) });
        this.emit({ type: 'failed', step: snapshot.step, error: describe(error) });
      },
    );
    this.inFlight = {
      step: snapshot.step,
      done: done.finally(() => {
        this.inFlight = undefined;
      }),
    };
  }

  /** Waits for the write in flight without raising its failure (see `failures`). */
  async settle(): Promise<void> {
    await this.inFlight?.done;
  }

  /** Waits for the write in flight; throws if it (or any earlier write) failed. */
  async flush(): Promise<void> {
    await this.inFlight?.done;
    if (this.lastError !== undefined) {
      const error = this.lastError;
      this.lastError = undefined;
      throw error;
    }
  }

  /** Waits for the write in flight, then stops the worker thread (if any). */
  async close(): Promise<void> {
    await this.inFlight?.done;
    await this.closeWorker?.(this.timedOut);
  }

  private withTimeout(write: Promise<void>): Promise<void> {
    const limit = this.options.timeoutMs;
    if (limit === undefined) return write;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        this.timedOut = true;
        reject(new Error(`the write did not finish within ${formatSeconds(limit)}`));
      }, limit);
    });
    return Promise.race([write, expired]).finally(() => clearTimeout(timer));
  }

  private emit(event: WriterEvent): void {
    this.options.onEvent?.(event);
  }
}
