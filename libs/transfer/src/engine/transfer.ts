/**
 * One cp or sync, as orchestration: list, decide what to copy, skip and delete (sync), plan each
 * object's route as data (routes/route-plan.ts, pure), then hand each object to its route's
 * executor (routes/*.ts, the I/O) in bounded worker pools, delete extras, and summarise.
 */
import { formatBytes, UsageError } from '@strata/cli';
import type { ObjectInfo, ObjectStore } from '../stores/types.js';
import { loadCrc32c } from './checksum.js';
import { createKeyFilter } from './filter.js';
import { listSources, type Location } from './listing.js';
import type { FailedObject, PlannedAction, TransferOptions, TransferSummary } from './options.js';
import { executorsFor, planRoutes, type RoutedObject, type RouteName } from './routes/index.js';
import {
  createRunState,
  locationOf,
  withRetry,
  type RunState,
  type TransferHooks,
} from './routes/run-state.js';
import { decideSync } from './sync-decisions.js';

export type { TransferHooks } from './routes/run-state.js';

/**
 * One failed object, named by its location. The engine's own messages quote the store key
 * ('tmp/a.txt'); a person reads the location ('/tmp/a.txt'), so the quoted key is shown as such.
 */
function failureOf(store: ObjectStore, key: string, error: unknown): FailedObject {
  const location = locationOf(store, key);
  const message = (error instanceof Error ? error.message : String(error))
    .replace(/\s*\n\s*/g, ' ')
    .replaceAll(`'${key}'`, `'${location}'`);
  return { key: location, error: message, usage: error instanceof UsageError };
}

/** A part size the destination cannot take is refused, not silently changed. */
function assertPartSizeFits(partSize: number, destination: Location): void {
  const { minPartSize, maxPartSize, maxParts } = destination.store.features;
  if (Number.isInteger(partSize) && partSize >= minPartSize && partSize <= maxPartSize) return;
  throw new UsageError(
    `--part-size ${formatBytes(partSize)} does not fit '${destination.uri}': it takes parts of ` +
      `${formatBytes(minPartSize)} to ${formatBytes(maxPartSize)} (at most ${maxParts} parts an object)`,
  );
}

/** How many objects take each route (the summary's `routes`). */
function routeCounts(routed: readonly RoutedObject[]): Partial<Record<RouteName, number>> {
  const counts: Partial<Record<RouteName, number>> = {};
  for (const { route } of routed) counts[route] = (counts[route] ?? 0) + 1;
  return counts;
}

function plannedActions(
  state: RunState,
  routed: readonly RoutedObject[],
  toDelete: readonly ObjectInfo[],
): PlannedAction[] {
  return [
    ...routed.map(({ pair, route }) => ({
      action: 'copy' as const,
      source: locationOf(state.source.store, pair.source.key),
      destination: locationOf(state.destination.store, pair.destinationKey),
      size: pair.source.size,
      route,
    })),
    ...toDelete.map((info) => ({
      action: 'delete' as const,
      destination: locationOf(state.destination.store, info.key),
      size: info.size,
    })),
  ];
}

/** What every route may need before the first object starts (resume manifest, CRC32C). */
async function prepare(state: RunState, routed: readonly RoutedObject[]): Promise<void> {
  const { source, destination, options } = state;
  if (routed.some(({ route }) => route === 'multipart')) {
    // Keyed by the resolved locations, so a rerun from another directory finds the same manifest.
    const { ResumeManifest } = await import('./manifest.js');
    state.manifest = await ResumeManifest.load(
      options.stateDir,
      `${source.store.uri}${source.key}`,
      `${destination.store.uri}${destination.key}`,
    );
  }
  // CRC32C only where a store reports it (GCS): checked against the source's or the destination's.
  if (
    destination.store.features.checksum === 'crc32c' ||
    source.store.features.checksum === 'crc32c'
  ) {
    state.crc32c = await loadCrc32c();
  }
}

/** Runs every object through its route's executor; returns the objects that failed. */
async function copyAll(state: RunState, routed: readonly RoutedObject[]): Promise<FailedObject[]> {
  const { progress, hooks } = state;
  progress.objectsTotal = routed.length;
  progress.bytesTotal = routed.reduce((total, { pair }) => total + pair.source.size, 0);
  hooks.onProgress?.(progress);
  await prepare(state, routed);
  const executor = executorsFor(state);
  const failed: FailedObject[] = [];
  await Promise.all(
    routed.map((object) =>
      state.limits[object.pool](async () => {
        const { pair } = object;
        try {
          await executor(object.route)(object);
          state.counters.objects += 1;
          state.counters.bytes += pair.source.size;
        } catch (error) {
          const failure = failureOf(state.source.store, pair.source.key, error);
          failed.push(failure);
          hooks.onFailure?.(failure);
        } finally {
          progress.objectsDone += 1;
          hooks.onProgress?.(progress);
        }
      }),
    ),
  );
  return failed;
}

async function deleteAll(state: RunState, toDelete: readonly ObjectInfo[]): Promise<number> {
  let deleted = 0;
  await Promise.all(
    toDelete.map((info) =>
      state.limits.small(async () => {
        await withRetry(state, info.key, () => state.destination.store.delete(info.key));
        deleted += 1;
      }),
    ),
  );
  return deleted;
}

/** Runs one cp or sync between two opened locations. */
export async function runTransfer(
  source: Location,
  destination: Location,
  options: TransferOptions,
  hooks: TransferHooks = {},
): Promise<TransferSummary> {
  const started = performance.now();
  assertPartSizeFits(options.partSize, destination);
  const filter = createKeyFilter(options.include, options.exclude, options.filter);
  const sync = options.mode === 'sync';
  const listing = await listSources(source, destination, {
    recursive: options.recursive || sync,
    filter,
    deleting: sync && options.deleteExtraneous,
  });

  // Touch the destination before any work: a missing bucket or missing credentials is bad input
  // (a UsageError from the store) and must stop the run before anything is written. A HEAD of the
  // first key to write needs no pagination (a one-key listing of a fuller prefix made plain
  // s3rver build a continuation token, which fails on OpenSSL 3); sync lists the destination
  // before writing anyway, and a run with nothing to write need not ask.
  const firstWrite = listing.pairs[0];
  if (!sync && firstWrite) await destination.store.head(firstWrite.destinationKey);

  const state = createRunState(source, destination, options, hooks);
  // cp copies unconditionally (like `cp` and `aws s3 cp`); sync skips what is already there.
  const { toCopy, skipped, toDelete } = sync
    ? await decideSync(state, listing, filter)
    : { toCopy: listing.pairs, skipped: 0, toDelete: [] };
  const routed = planRoutes(toCopy, state.ends, options);

  const summary: TransferSummary = {
    mode: options.mode,
    source: source.uri,
    destination: destination.uri,
    dryRun: options.dryRun,
    objects: 0,
    bytes: 0,
    seconds: 0,
    throughputMBps: 0,
    retries: 0,
    skipped,
    deleted: 0,
    partsSent: 0,
    partsResumed: 0,
    partsRepaired: 0,
    routes: routeCounts(routed),
    failed: [],
  };
  if (options.dryRun) {
    const planned = plannedActions(state, routed, toDelete);
    return { ...summary, planned, seconds: (performance.now() - started) / 1000 };
  }

  const failed = await copyAll(state, routed);
  // Like rclone: never delete at the destination after an error, the source listing may be incomplete.
  const deleted = failed.length === 0 ? await deleteAll(state, toDelete) : 0;
  const seconds = (performance.now() - started) / 1000;
  const { counters } = state;
  return {
    ...summary,
    objects: counters.objects,
    bytes: counters.bytes,
    seconds,
    throughputMBps: seconds > 0 ? counters.bytes / 1e6 / seconds : 0,
    retries: state.retry.retries,
    deleted,
    partsSent: counters.partsSent,
    partsResumed: counters.partsResumed,
    partsRepaired: counters.partsRepaired,
    failed,
  };
}
