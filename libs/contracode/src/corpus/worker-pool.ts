import { Worker } from 'node:worker_threads';
import type { WorkerRequest, WorkerResponse, WorkerTask } from './worker-protocol.js';

interface Job {
  taskId: number;
  task: WorkerTask;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
  /** Fails the running job and puts a fresh worker in this slot's place. */
  replace: (error: Error) => void;
}

/** A task that runs longer than this (a transform stuck in a loop) costs its worker, not the build. */
const TASK_TIMEOUT_MS = 5 * 60_000;

// The worker is TypeScript; this small ESM entry registers tsx inside the thread, then loads it.
const WORKER_ENTRY = new URL('./worker-entry.mjs', import.meta.url);

/**
 * A fixed pool of worker threads fed from one FIFO queue, one task per worker at a time. A worker
 * that dies (out of memory, a crash in native code) fails only its own task and is replaced.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextTaskId = 0;
  private closed = false;
  /** Milliseconds the workers spent per task kind, summed over workers. */
  readonly busyMs: Record<WorkerTask['kind'], number> = { extract: 0, augment: 0 };

  constructor(readonly size: number) {
    for (let index = 0; index < size; index += 1) this.slots.push(this.spawn());
  }

  run<T>(task: WorkerTask): Promise<T> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ taskId: this.nextTaskId++, task, resolve: resolve as (result: unknown) => void, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('worker pool closed'));
    for (const slot of this.slots) clearTimeout(slot.timer);
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_ENTRY, { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    const slot: Slot = { worker, replace: () => {} };
    worker.on('message', (response: WorkerResponse) => {
      const job = slot.job;
      if (!job || job.taskId !== response.taskId) return;
      clearTimeout(slot.timer);
      slot.job = undefined;
      this.busyMs[job.task.kind] += response.busyMs;
      if (response.ok) job.resolve(response.result);
      else job.reject(new Error(response.error));
      this.dispatch();
    });
    let replaced = false; // 'error' is followed by 'exit': replace the worker once
    const replace = (error: Error): void => {
      if (this.closed || replaced) return;
      replaced = true;
      clearTimeout(slot.timer);
      const job = slot.job;
      slot.job = undefined;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = this.spawn();
      job?.reject(error);
      this.dispatch();
    };
    slot.replace = replace;
    worker.on('error', (error) => replace(error));
    worker.on('exit', (code) => replace(new Error(`worker thread exited with code ${code}`)));
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job) continue;
      const job = this.queue.shift() as Job;
      slot.job = job;
      slot.timer = setTimeout(() => {
        slot.replace(new Error(`worker thread gave no answer in ${TASK_TIMEOUT_MS / 1000} s`));
        void slot.worker.terminate();
      }, TASK_TIMEOUT_MS);
      slot.timer.unref();
      const request: WorkerRequest = { taskId: job.taskId, task: job.task };
      slot.worker.postMessage(request);
    }
  }
}
