/**
 * What a sync copies, skips and deletes: the metadata diff (diff.ts, pure), then for pairs with
 * equal sizes and no shared checksum both sides are checksummed (I/O) before they are skipped.
 */
import type { ObjectInfo, ObjectStore } from '../stores/types.js';
import { multipartEtag, multipartEtagParts, normalizeEtag } from './checksum.js';
import { sourcePartSize } from './checksum-parts.js';
import { knownMd5, planSync } from './diff.js';
import type { KeyFilter } from './filter.js';
import { listDestination, type CopyPair, type Listing } from './listing.js';
import { checksumRange } from './pipeline.js';
import { withPartSize, type RunState } from './routes/run-state.js';

export interface SyncDecisions {
  toCopy: CopyPair[];
  skipped: number;
  /** Destination objects to delete (keys in the destination store). */
  toDelete: ObjectInfo[];
}

/** For sync: pairs with equal sizes and no shared checksum are checksummed on both sides. */
async function sameContent(
  state: RunState,
  source: ObjectInfo,
  destination: ObjectInfo,
  destinationKey: string,
): Promise<boolean> {
  const multipartSide =
    multipartEtagParts(destination.etag) !== undefined
      ? await withPartSize(state, state.destination.store, destination)
      : multipartEtagParts(source.etag) !== undefined
        ? await withPartSize(state, state.source.store, source)
        : undefined;
  const fingerprint = async (
    store: ObjectStore,
    key: string,
    info: ObjectInfo,
  ): Promise<string> => {
    if (multipartSide) {
      if (info.etag === multipartSide.etag) return normalizeEtag(info.etag) ?? '';
      const partSize = sourcePartSize({ ...multipartSide, size: info.size });
      if (!partSize) return `unknown:${key}`;
      const { partMd5s } = await checksumRange(store, key, undefined, partSize);
      return multipartEtag(partMd5s);
    }
    return knownMd5(info) ?? (await checksumRange(store, key)).md5;
  };
  const [a, b] = await Promise.all([
    fingerprint(state.source.store, source.key, source),
    fingerprint(state.destination.store, destinationKey, destination),
  ]);
  return a === b;
}

/** Lists the destination and decides, object by object, what the sync does. */
export async function decideSync(
  state: RunState,
  listing: Listing,
  filter: KeyFilter,
): Promise<SyncDecisions> {
  const existing = await listDestination(state.destination, listing.destinationPrefix, filter);
  const byRelative = new Map(listing.pairs.map((pair) => [pair.relativeKey, pair]));
  const plan = planSync(
    listing.pairs.map((pair) => ({ ...pair.source, key: pair.relativeKey })),
    existing,
    { delete: state.options.deleteExtraneous },
  );
  const copyKeys = new Set(plan.copy.map((info) => info.key));
  const verdicts = await Promise.all(
    plan.verify.map((entry) => {
      const pair = byRelative.get(entry.source.key) as CopyPair;
      return state.limits.small(() =>
        sameContent(
          state,
          pair.source,
          { ...entry.destination, key: pair.destinationKey },
          pair.destinationKey,
        ),
      );
    }),
  );
  plan.verify.forEach((entry, index) =>
    verdicts[index] ? plan.skip.push(entry.source) : copyKeys.add(entry.source.key),
  );
  return {
    toCopy: [...byRelative.entries()].filter(([key]) => copyKeys.has(key)).map(([, pair]) => pair),
    skipped: plan.skip.length,
    toDelete: plan.delete.map((info) => ({
      ...info,
      key: `${listing.destinationPrefix}${info.key}`,
    })),
  };
}
