import type { JobParams } from './job.js';

/**
 * Runs one job of a kind: input bytes and the job's params in, result bytes out. Must be
 * deterministic (the same job gives the same bytes), so a job that runs twice writes what it wrote
 * once. Runs in a worker thread, so it may be CPU-bound.
 */
export type JobHandler = (input: Uint8Array, params: JobParams) => Promise<Uint8Array> | Uint8Array;

/** What a handler module exports: its handlers by job kind. */
export interface JobHandlerModule {
  jobHandlers: Record<string, JobHandler>;
}

/**
 * Job kind → the module specifier that exports its handler (`jobHandlers[kind]`). Specifiers, not
 * functions: the module is imported inside a worker thread, and only when a job of its kind arrives.
 */
export type HandlerRegistry = Readonly<Record<string, string>>;
