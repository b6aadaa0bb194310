import type { ExtractedFunction } from './extract.js';
import type { FunctionKind } from './program-form.js';

/** Messages between the build and its worker threads: plain data, structured-cloned. */

export interface ExtractTask {
  kind: 'extract';
  files: { path: string; relativePath: string }[];
  minTokens: number;
  maxTokens: number;
}

export type FileOutcome = 'parsed' | 'unparsable' | 'minified' | 'unreadable';

export interface FileExtraction {
  path: string;
  outcome: FileOutcome;
  /** Why a file was not parsed, for the log: `line:col message` for syntax errors. */
  reason?: string;
  functions: ExtractedFunction[];
  found: number;
  tooShort: number;
  tooLong: number;
}

export interface AugmentItem {
  id: string;
  kind: FunctionKind;
  name?: string;
  source: string;
  /** The original file name: its extension picks the language and parser plugins. */
  filename: string;
  seeds: number[];
}

export interface AugmentTask {
  kind: 'augment';
  items: AugmentItem[];
  /** A transform list, or 'all'. */
  transforms: string[] | 'all';
  /** Standalone programs from the same batch, material for dead-code insertion. */
  deadCodeSnippets: string[];
}

export interface AugmentedFunction {
  id: string;
  /** Distinct variants, each different from the source. */
  variants: string[];
  /** Attempts whose output equalled the source or an earlier variant. */
  unchanged: number;
  /** Attempts that threw or whose function could not be cut back out. */
  failed: number;
  /** Why transforms were skipped (unsafe input, a syntax they do not read), each distinct reason once. */
  skipped: string[];
  failures: string[];
}

export type WorkerTask = ExtractTask | AugmentTask;

export interface WorkerRequest {
  taskId: number;
  task: WorkerTask;
}

/** `busyMs`: time the worker spent on the task, for throughput figures. */
export type WorkerResponse =
  | { taskId: number; ok: true; result: FileExtraction[] | AugmentedFunction[]; busyMs: number }
  | { taskId: number; ok: false; error: string; busyMs: number };
