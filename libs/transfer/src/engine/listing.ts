/**
 * What to copy: resolves the source and destination of a cp or sync into (source key,
 * destination key) pairs, and rejects requests that cannot end well (destination inside the
 * source, a prefix without --recursive, a missing source).
 */
import { posix } from 'node:path';
import { UsageError } from '@strata/cli';
import type { ObjectInfo, ObjectStore } from '../stores/types.js';
import type { KeyFilter } from './filter.js';

export interface Location {
  store: ObjectStore;
  key: string;
  /** As the user wrote it, for messages. */
  uri: string;
}

export interface CopyPair {
  source: ObjectInfo;
  destinationKey: string;
  /** Key relative to the source root (what filters and sync match on). */
  relativeKey: string;
}

export interface Listing {
  pairs: CopyPair[];
  /** For sync: what already exists under the destination prefix, keys relative to it. */
  destinationPrefix: string;
  recursive: boolean;
}

/**
 * A zero-byte `dir/` object, as the S3 and GCS consoles create for "folders": not data, and it
 * cannot be a file. Skipped on both sides, as aws-cli and rclone skip it (and never deleted).
 */
function isFolderMarker(info: ObjectInfo): boolean {
  return info.size === 0 && info.key.endsWith('/');
}

function asPrefix(key: string): string {
  return key === '' || key.endsWith('/') ? key : `${key}/`;
}

async function assertNotNested(
  source: Location,
  destination: Location,
  sourcePrefix: string,
  destinationPrefix: string,
  deleting: boolean,
): Promise<void> {
  if (source.store.uri !== destination.store.uri) return;
  const store = source.store;
  // Through a symbolic link the destination may lie inside the source under another name: every
  // sync would then copy the destination into itself, one level deeper each time.
  const [from, to] = store.resolveKey
    ? await Promise.all([store.resolveKey(sourcePrefix), store.resolveKey(destinationPrefix)])
    : [sourcePrefix, destinationPrefix];
  const linked =
    from !== sourcePrefix || to !== destinationPrefix
      ? ` through a symbolic link (the source is ${store.locate?.(from) ?? from}, the destination ${store.locate?.(to) ?? to})`
      : '';
  if (to.startsWith(from)) {
    throw new UsageError(
      `destination '${destination.uri}' is inside the source '${source.uri}'${linked}: choose a destination outside it`,
    );
  }
  if (deleting && from.startsWith(to)) {
    throw new UsageError(
      `source '${source.uri}' is inside the destination '${destination.uri}'${linked}: --delete would remove the source`,
    );
  }
}

export async function listSources(
  source: Location,
  destination: Location,
  options: { recursive: boolean; filter: KeyFilter; deleting: boolean },
): Promise<Listing> {
  const single =
    options.recursive || source.key.endsWith('/') || source.key === ''
      ? null
      : await source.store.head(source.key);
  if (!options.recursive && !single) {
    if (source.key === '' || source.key.endsWith('/')) {
      throw new UsageError(
        `'${source.uri}' is a directory or prefix: add --recursive to copy what is under it`,
      );
    }
    // One page of direct children, not a one-key page: a truncated listing makes plain s3rver
    // build a continuation token, which fails on OpenSSL 3.
    const under = await source.store.listPage(asPrefix(source.key), { delimiter: '/' });
    if (under.objects.length > 0 || under.prefixes.length > 0) {
      throw new UsageError(`'${source.uri}' is a prefix: add --recursive to copy what is under it`);
    }
    throw new UsageError(`source '${source.uri}' does not exist`);
  }
  if (single) {
    const name = posix.basename(single.key);
    const destinationKey =
      destination.key === '' || destination.key.endsWith('/')
        ? `${destination.key}${name}`
        : destination.key;
    if (source.store.uri === destination.store.uri && destinationKey === single.key) {
      throw new UsageError(`source and destination are the same object '${source.uri}'`);
    }
    const pairs = options.filter(name)
      ? [{ source: single, destinationKey, relativeKey: name }]
      : [];
    return {
      pairs,
      destinationPrefix: destinationKey.slice(0, destinationKey.lastIndexOf('/') + 1),
      recursive: false,
    };
  }
  const sourcePrefix = asPrefix(source.key);
  const destinationPrefix = asPrefix(destination.key);
  await assertNotNested(source, destination, sourcePrefix, destinationPrefix, options.deleting);
  const pairs: CopyPair[] = [];
  let listed = 0;
  for await (const info of source.store.list(sourcePrefix)) {
    listed += 1;
    const relativeKey = info.key.slice(sourcePrefix.length);
    if (relativeKey === '' || isFolderMarker(info) || !options.filter(relativeKey)) continue;
    pairs.push({ source: info, destinationKey: `${destinationPrefix}${relativeKey}`, relativeKey });
  }
  // An empty directory is fine (openStore marks existing directories with '/'); a bare name
  // that matches nothing is most likely a typo.
  if (listed === 0 && source.key !== '' && !source.key.endsWith('/')) {
    throw new UsageError(`source '${source.uri}' does not exist`);
  }
  return { pairs, destinationPrefix, recursive: true };
}

/** The destination's objects under the prefix, keys relative to it (for sync). */
export async function listDestination(
  destination: Location,
  destinationPrefix: string,
  filter: KeyFilter,
): Promise<ObjectInfo[]> {
  const found: ObjectInfo[] = [];
  for await (const info of destination.store.list(destinationPrefix)) {
    const key = info.key.slice(destinationPrefix.length);
    if (key !== '' && !isFolderMarker(info) && filter(key)) found.push({ ...info, key });
  }
  return found;
}
