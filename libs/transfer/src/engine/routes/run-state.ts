/**
 * What every route's executor shares during one run: the two ends, the options and hooks, the
 * retry strategy, the worker pools, the resume manifest, progress and counters.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import type { ObjectInfo, ObjectStore } from '../../stores/types.js';
import { multipartEtagParts, type loadCrc32c } from '../checksum.js';
import { partSizeAmbiguous } from '../checksum-parts.js';
import type { CopyPair, Location } from '../listing.js';
// Type only: the manifest module (and zod, 0.75 MB of a bundle) loads when a run has multipart work.
import type { ResumeManifest } from '../manifest.js';
import type { FailedObject, TransferOptions, TransferProgress } from '../options.js';
import type { PipelineContext } from '../pipeline.js';
import { defaultRetryStrategy, type RetryEvent, type RetryStrategy } from '../retry.js';
import { routeEnds, type RoutedObject, type RouteEnds } from './route-plan.js';

export interface TransferHooks {
  onProgress?: (progress: TransferProgress) => void;
  onRetry?: (event: RetryEvent & { key: string }) => void;
  /** Called once per object that failed, as soon as it failed. */
  onFailure?: (failure: FailedObject) => void;
  /** Something a person should know that is no failure (a stale resume record dropped). */
  onNotice?: (message: string) => void;
}

export interface RunState {
  source: Location;
  destination: Location;
  ends: RouteEnds;
  options: TransferOptions;
  hooks: TransferHooks;
  retry: RetryStrategy;
  /** Loaded before the copies start when any object goes in parts. */
  manifest: ResumeManifest | undefined;
  limits: {
    small: LimitFunction;
    medium: LimitFunction;
    large: LimitFunction;
    parts: LimitFunction;
  };
  crc32c?: Awaited<ReturnType<typeof loadCrc32c>>;
  progress: TransferProgress;
  counters: {
    objects: number;
    bytes: number;
    partsSent: number;
    partsResumed: number;
    partsRepaired: number;
  };
}

/** Runs one object's work; throws when the object failed. */
export type RouteExecutor = (object: RoutedObject) => Promise<void>;

export function createRunState(
  source: Location,
  destination: Location,
  options: TransferOptions,
  hooks: TransferHooks,
): RunState {
  return {
    source,
    destination,
    ends: routeEnds(source.store, destination.store),
    options,
    hooks,
    retry: defaultRetryStrategy({ maxAttempts: options.maxAttempts }),
    manifest: undefined,
    limits: {
      small: pLimit(options.smallObjects),
      // Objects between 1 MiB and the threshold are written whole and a store may buffer each
      // (S3 holds up to 8 MiB): fewer at once keeps memory bounded.
      medium: pLimit(Math.max(1, Math.floor(options.concurrency / 2))),
      large: pLimit(options.largeObjects),
      parts: pLimit(options.concurrency),
    },
    progress: { bytesDone: 0, bytesTotal: 0, objectsDone: 0, objectsTotal: 0 },
    counters: { objects: 0, bytes: 0, partsSent: 0, partsResumed: 0, partsRepaired: 0 },
  };
}

export function withRetry<T>(
  state: RunState,
  key: string,
  operation: () => Promise<T>,
): Promise<T> {
  return state.retry.run(operation, (event) => state.hooks.onRetry?.({ ...event, key }));
}

/** Progress: bytes done (negative when a failed attempt's bytes are taken back). */
export function addBytes(state: RunState, delta: number): void {
  state.progress.bytesDone += delta;
  state.hooks.onProgress?.(state.progress);
}

/** An object a fast route sent whole, in one piece. */
export function sentWhole(state: RunState, pair: CopyPair): void {
  addBytes(state, pair.source.size);
  state.counters.partsSent += 1;
}

export function pipelineContext(state: RunState, sourceInfo: ObjectInfo): PipelineContext {
  const context: PipelineContext = {
    source: state.source.store,
    destination: state.destination.store,
    sourceInfo,
    headAfterEveryChunk: state.source.store.localFiles !== undefined,
    onBytes: (delta) => addBytes(state, delta),
  };
  if (state.crc32c) context.crc32c = state.crc32c;
  return context;
}

/** Where a key is, as a person writes it (a local file keeps its leading '/'). */
export function locationOf(store: ObjectStore, key: string): string {
  return store.locate?.(key) ?? `${store.uri}${key}`;
}

/**
 * Asks a store for an object's part layout when its multipart ETag leaves it ambiguous
 * (ObjectStore.partSize), so the parts are read and checked in the uploader's layout: inferring
 * it would read a 2-part object of 8 MiB parts and a 1 MiB tail as 5 MiB parts, whose MD5s
 * cannot match the ETag. Asked when the object's turn comes (one HEAD), not for the whole listing
 * up front; objects that need no asking cost nothing.
 */
export async function withPartSize(
  state: RunState,
  store: ObjectStore,
  info: ObjectInfo,
): Promise<ObjectInfo> {
  const parts = multipartEtagParts(info.etag);
  if (!store.partSize || parts === undefined || !partSizeAmbiguous(info.size, parts)) return info;
  // Not knowing is no failure: the layout is then inferred, as for a store that cannot tell.
  const told = await withRetry(state, info.key, () => store.partSize!(info.key)).catch(
    () => undefined,
  );
  return told !== undefined && Math.ceil(info.size / told) === parts
    ? { ...info, partSize: told }
    : info;
}

/** A capability slot the route planner saw; its absence here is a bug in the planner. */
export function slot<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`route planned without ${what}`);
  return value;
}
