/**
 * Transfer options and their defaults. The defaults were chosen by measurement on the benchmark
 * machine; see benchmarks/transfer/results.md for the numbers behind each one.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
// Not from retry.ts: the options load with the CLI, and retry.ts loads the error classes (stores).
import { DEFAULT_RETRY_SETTINGS } from './retry-settings.js';
import type { RouteName } from './routes/route-plan.js';

const MiB = 1024 * 1024;

/** Where resume manifests live by default (the manifest module itself loads only for multipart). */
export function defaultStateDir(): string {
  const cache = process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache');
  return join(cache, 'strata', 'transfers');
}

export interface TransferOptions {
  mode: 'cp' | 'sync';
  recursive: boolean;
  /** sync only: remove destination objects that have no source. */
  deleteExtraneous: boolean;
  dryRun: boolean;
  include: string[];
  exclude: string[];
  /** rclone-style `+ PATTERN` / `- PATTERN` rules, after the includes and excludes (filter.ts). */
  filter: string[];
  /** Objects at or above this size are sent as parallel parts. */
  multipartThreshold: number;
  partSize: number;
  /** Parts in flight, over all large objects. */
  concurrency: number;
  /** Large objects in flight (their parts share `concurrency`). */
  largeObjects: number;
  /** Objects up to 1 MiB in flight: many small requests hide per-request latency. */
  smallObjects: number;
  maxAttempts: number;
  stateDir: string;
}

export const DEFAULT_TRANSFER_OPTIONS: TransferOptions = {
  mode: 'cp',
  recursive: false,
  deleteExtraneous: false,
  dryRun: false,
  include: [],
  exclude: [],
  filter: [],
  multipartThreshold: 128 * MiB,
  partSize: 64 * MiB,
  concurrency: 16,
  largeObjects: 2,
  smallObjects: 64,
  maxAttempts: DEFAULT_RETRY_SETTINGS.maxAttempts,
  stateDir: defaultStateDir(),
};

export interface TransferProgress {
  bytesDone: number;
  bytesTotal: number;
  objectsDone: number;
  objectsTotal: number;
}

export interface FailedObject {
  key: string;
  error: string;
  /** True when the failure was bad input (a source that changed while read): exit 2. */
  usage: boolean;
}

export interface PlannedAction {
  action: 'copy' | 'skip' | 'delete';
  source?: string;
  destination: string;
  size: number;
  /** For a copy: the route planned for it (routes/route-plan.ts). */
  route?: RouteName;
}

export interface TransferSummary {
  mode: 'cp' | 'sync';
  source: string;
  destination: string;
  dryRun: boolean;
  /** Objects written. */
  objects: number;
  bytes: number;
  seconds: number;
  /** Bytes written per second, in MB/s (10^6). */
  throughputMBps: number;
  retries: number;
  skipped: number;
  deleted: number;
  partsSent: number;
  partsResumed: number;
  /** Parts whose first read did not match the source's checksum, fetched and sent again. */
  partsRepaired: number;
  /** How many objects took (with --dry-run: would take) each route. */
  routes: Partial<Record<RouteName, number>>;
  failed: FailedObject[];
  /** With --dry-run: what would happen. */
  planned?: PlannedAction[];
}
