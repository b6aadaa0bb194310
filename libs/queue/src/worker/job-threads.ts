import { Worker } from 'node:worker_threads';
import type { ThreadRequest, ThreadResponse } from './thread-protocol.js';

const THREAD_ENTRY = new URL('./thread-entry.mjs', import.meta.url);

interface Slot {
  /** Started on the slot's first job: an idle worker holds no threads. */
  thread?: Worker;
  busy: boolean;
}

/**
 * One thread per job a worker runs at once. CPU-bound handlers run here, so the main thread's
 * event loop stays free to renew BullMQ's job locks (a blocked loop misses renewals and healthy
 * jobs are reported stalled). A thread that dies fails only its job and is replaced.
 */
export class JobThreads {
  private readonly slots: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];

  constructor(size: number) {
    for (let index = 0; index < size; index += 1) this.slots.push({ busy: false });
  }

  async run(request: ThreadRequest): Promise<Uint8Array> {
    const slot = await this.acquire();
    try {
      return await this.send(slot, request);
    } finally {
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.thread?.terminate()));
  }

  private spawn(): Worker {
    const thread = new Worker(THREAD_ENTRY, { resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    thread.unref();
    return thread;
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((slot) => !slot.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  private send(slot: Slot, request: ThreadRequest): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      slot.thread ??= this.spawn();
      const thread = slot.thread;
      const cleanup = (): void => {
        thread.off('message', onMessage);
        thread.off('error', onError);
        thread.off('exit', onExit);
      };
      const onMessage = (response: ThreadResponse): void => {
        cleanup();
        if (response.ok) resolve(response.output);
        else reject(new Error(response.error));
      };
      const onError = (error: Error): void => {
        cleanup();
        slot.thread = this.spawn();
        reject(new Error(`job thread crashed: ${error.message}`));
      };
      const onExit = (code: number): void => {
        cleanup();
        slot.thread = this.spawn();
        reject(new Error(`job thread exited with code ${code}`));
      };
      thread.on('message', onMessage);
      thread.on('error', onError);
      thread.on('exit', onExit);
      thread.postMessage(request);
    });
  }
}
