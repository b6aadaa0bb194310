/**
 * The sync diff, pure: source and destination listings (keys relative to each root) in, the
 * actions out. Content is "the same" only when the sizes match and some checksum both sides know
 * matches; when no shared checksum is known the pair is left for the executor to checksum.
 */
import type { ObjectInfo } from '../stores/types.js';
import { isMd5Etag, multipartEtagParts, normalizeEtag } from './checksum.js';

export type Sameness = 'same' | 'different' | 'unknown';

/** Hex MD5 of the whole object when the metadata tells it (a plain-MD5 ETag counts). */
export function knownMd5(info: ObjectInfo): string | undefined {
  if (info.md5) return info.md5.toLowerCase();
  return isMd5Etag(info.etag) ? normalizeEtag(info.etag) : undefined;
}

export function compareByMetadata(source: ObjectInfo, destination: ObjectInfo): Sameness {
  if (source.size !== destination.size) return 'different';
  const sourceMd5 = knownMd5(source);
  const destinationMd5 = knownMd5(destination);
  if (sourceMd5 && destinationMd5) return sourceMd5 === destinationMd5 ? 'same' : 'different';
  if (source.crc32c && destination.crc32c)
    return source.crc32c === destination.crc32c ? 'same' : 'different';
  // Both multipart ETags from the same service with the same part layout: equal means equal.
  if (
    multipartEtagParts(source.etag) !== undefined &&
    normalizeEtag(source.etag) === normalizeEtag(destination.etag)
  ) {
    return 'same';
  }
  return 'unknown';
}

export interface SyncPlan {
  /** Missing at the destination, or known to differ. */
  copy: ObjectInfo[];
  /** Same size, no shared checksum: the executor checksums them and copies those that differ. */
  verify: { source: ObjectInfo; destination: ObjectInfo }[];
  skip: ObjectInfo[];
  /** Destination objects with no source (only with --delete). */
  delete: ObjectInfo[];
}

export function planSync(
  sources: readonly ObjectInfo[],
  destinations: readonly ObjectInfo[],
  options: { delete: boolean },
): SyncPlan {
  const byKey = new Map(destinations.map((info) => [info.key, info]));
  const plan: SyncPlan = { copy: [], verify: [], skip: [], delete: [] };
  const seen = new Set<string>();
  for (const source of sources) {
    seen.add(source.key);
    const destination = byKey.get(source.key);
    if (!destination) {
      plan.copy.push(source);
      continue;
    }
    const sameness = compareByMetadata(source, destination);
    if (sameness === 'same') plan.skip.push(source);
    else if (sameness === 'different') plan.copy.push(source);
    else plan.verify.push({ source, destination });
  }
  if (options.delete) plan.delete = destinations.filter((info) => !seen.has(info.key));
  return plan;
}
