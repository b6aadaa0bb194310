/**
 * Which route each object takes, decided as data before any byte moves (pure: no I/O). The
 * planner sees the two stores only through their declared features and capability slots
 * (`RouteEnds`), and the routes are a table tried in order: the first whose condition holds
 * carries the object. A new route (the overlay gateways) is one more row and one more executor.
 */
import type { ObjectStore } from '../../stores/types.js';
import { planObject, type ObjectPlan, type PartLimits } from '../chunks.js';
import { multipartEtagParts } from '../checksum.js';
import { sourcePartSize } from '../checksum-parts.js';
import type { CopyPair } from '../listing.js';
import type { TransferOptions } from '../options.js';

export const ROUTE_NAMES = [
  'local-copy',
  'small-download',
  'small-upload',
  'server-side-copy',
  'multipart',
  'single',
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

/** What the routes need to know of the two ends, read from features and slots only. */
export interface RouteEnds {
  /** Both ends are files on this machine (the localFiles slot on both). */
  bothLocal: boolean;
  /** Remote source, local destination. */
  toLocal: boolean;
  /** Local source, destination with the putBuffer slot (one request from memory). */
  localToBuffered: boolean;
  /** Same store, which copies inside itself (features.serverSideCopy and the copy slot). */
  insideStore: boolean;
  /** The destination's part limits, as the chunk planner takes them. */
  parts: PartLimits;
}

export function routeEnds(source: ObjectStore, destination: ObjectStore): RouteEnds {
  const bothLocal = source.localFiles !== undefined && destination.localFiles !== undefined;
  const { multipart, maxParts, minPartSize, maxPartSize } = destination.features;
  return {
    bothLocal,
    toLocal: source.localFiles === undefined && destination.localFiles !== undefined,
    localToBuffered: source.localFiles !== undefined && destination.putBuffer !== undefined,
    insideStore:
      source.uri === destination.uri &&
      destination.features.serverSideCopy &&
      destination.copy !== undefined,
    // Between two local paths parts buy nothing (one disk) and cost a second write (the local
    // store concatenates parts on completion), so local→local copies stream each file whole.
    parts: {
      multipart: multipart && destination.multipart !== undefined && !bothLocal,
      maxParts,
      minPartSize,
      maxPartSize,
    },
  };
}

/** Objects up to this size go whole through memory on the small-object routes. */
export const SMALL_OBJECT_LIMIT = 1024 * 1024;
/** Largest object a single server-side copy request may handle (S3 CopyObject: 5 GiB). */
export const MAX_SERVER_SIDE_COPY = 5 * 1024 ** 3;

interface RouteRow {
  route: RouteName;
  when: (ends: RouteEnds, object: { size: number; multipart: boolean }) => boolean;
}

/** The routes, tried in order. */
const ROUTES: readonly RouteRow[] = [
  { route: 'local-copy', when: (ends) => ends.bothLocal },
  {
    route: 'small-download',
    when: (ends, o) => ends.toLocal && !o.multipart && o.size <= SMALL_OBJECT_LIMIT,
  },
  {
    route: 'small-upload',
    when: (ends, o) => ends.localToBuffered && !o.multipart && o.size <= SMALL_OBJECT_LIMIT,
  },
  {
    route: 'server-side-copy',
    when: (ends, o) => ends.insideStore && o.size <= MAX_SERVER_SIDE_COPY,
  },
  { route: 'multipart', when: (_ends, o) => o.multipart },
  { route: 'single', when: () => true },
];

export function chooseRoute(
  ends: RouteEnds,
  object: { size: number; multipart: boolean },
): RouteName {
  return (ROUTES.find((row) => row.when(ends, object)) as RouteRow).route;
}

/** Which worker pool an object waits in: small objects share a wide one, parts a narrow one. */
export type Pool = 'small' | 'medium' | 'large';

export interface RoutedObject {
  pair: CopyPair;
  plan: ObjectPlan;
  route: RouteName;
  pool: Pool;
}

/**
 * The chunk plan for one object. A download from an object uploaded in parts uses the uploader's
 * part layout when it can, so the parts can be checked against the source's multipart ETag.
 */
export function planChunks(
  pair: CopyPair,
  limits: PartLimits,
  options: Pick<TransferOptions, 'multipartThreshold' | 'partSize'>,
): ObjectPlan {
  let partSize = options.partSize;
  const sourceParts = multipartEtagParts(pair.source.etag);
  const inferred = sourcePartSize(pair.source);
  if (
    inferred &&
    inferred >= limits.minPartSize &&
    inferred <= limits.maxPartSize &&
    sourceParts! <= limits.maxParts
  ) {
    partSize = inferred;
  }
  return planObject(
    { sourceKey: pair.source.key, destinationKey: pair.destinationKey, size: pair.source.size },
    { multipartThreshold: options.multipartThreshold, partSize },
    limits,
  );
}

/** Every object's chunks, route and pool. */
export function planRoutes(
  pairs: readonly CopyPair[],
  ends: RouteEnds,
  options: Pick<TransferOptions, 'multipartThreshold' | 'partSize'>,
): RoutedObject[] {
  return pairs.map((pair) => {
    const plan = planChunks(pair, ends.parts, options);
    const route = chooseRoute(ends, { size: pair.source.size, multipart: plan.multipart });
    const pool: Pool = plan.multipart
      ? 'large'
      : pair.source.size <= SMALL_OBJECT_LIMIT
        ? 'small'
        : 'medium';
    return { pair, plan, route, pool };
  });
}
