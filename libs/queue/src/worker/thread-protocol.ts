import type { JobParams } from '../job.js';

/** Messages between a worker's main thread (BullMQ, I/O) and a job thread (the CPU work). */
export interface ThreadRequest {
  /** Module exporting `jobHandlers`. */
  specifier: string;
  kind: string;
  input: Uint8Array;
  params: JobParams;
}

export type ThreadResponse = { ok: true; output: Uint8Array } | { ok: false; error: string };
