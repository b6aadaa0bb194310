/**
 * The transfer executor: lists, diffs, plans chunks, then runs them through the pipeline with
 * bounded worker pools (p-limit) and per-chunk retries, recording finished parts in the resume
 * manifest. Planning (chunks.ts, diff.ts) is pure; this file does the I/O.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import type { CompletedPart, ObjectInfo, ObjectStore } from '../stores/types.js';
import { NoSpaceError, NotFoundError } from '../stores/errors.js';
import { formatBytes, UsageError } from '@strata/cli';
import { planObject, type Chunk, type ObjectPlan, type PartLimits } from './chunks.js';
import { loadCrc32c, multipartEtag, multipartEtagParts, normalizeEtag } from './checksum.js';
import { partSizeAmbiguous, sourcePartSize } from './checksum-parts.js';
import { knownMd5, planSync } from './diff.js';
import { ChecksumMismatchError, classifyFailure, SourceChangedError } from './errors.js';
import { createKeyFilter } from './filter.js';
import { listDestination, listSources, type CopyPair, type Location } from './listing.js';
// Type only: the manifest module (and zod, 0.75 MB of a bundle) loads when a run has multipart work.
import type { ResumeManifest } from './manifest.js';
import type {
  TransferOptions,
  TransferProgress,
  TransferSummary,
  FailedObject,
  PlannedAction,
} from './options.js';
import {
  assertSourceUnchanged,
  checksumRange,
  copyPart,
  copyWholeObject,
  sourceVersion,
  type PipelineContext,
} from './pipeline.js';
import { RetryStrategy, type RetryEvent } from './retry.js';
import { localCopier } from './local-copy.js';
import { SMALL_DOWNLOAD_LIMIT, smallDownloader } from './small-download.js';
import { SMALL_UPLOAD_LIMIT, smallUploader } from './small-upload.js';

export interface TransferHooks {
  onProgress?: (progress: TransferProgress) => void;
  onRetry?: (event: RetryEvent & { key: string }) => void;
  /** Called once per object that failed, as soon as it failed. */
  onFailure?: (failure: FailedObject) => void;
  /** Something a person should know that is no failure (a stale resume record dropped). */
  onNotice?: (message: string) => void;
}

interface RunState {
  source: Location;
  destination: Location;
  options: TransferOptions;
  hooks: TransferHooks;
  retry: RetryStrategy;
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

/**
 * Between two local paths parts buy nothing (one disk) and cost a second write (the local store
 * concatenates parts on completion), so local→local copies stream each file whole.
 */
function partLimits(source: ObjectStore, destination: ObjectStore): PartLimits {
  const { multipart, maxParts, minPartSize, maxPartSize } = destination.features;
  const bothLocal = source.localFiles !== undefined && destination.localFiles !== undefined;
  return { multipart: multipart && !bothLocal, maxParts, minPartSize, maxPartSize };
}

/**
 * The plan for one object. A download from an object uploaded in parts uses the uploader's part
 * layout when it can, so the parts can be checked against the source's multipart ETag.
 */
function planFor(state: RunState, pair: CopyPair): ObjectPlan {
  const { options } = state;
  const limits = partLimits(state.source.store, state.destination.store);
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

function pipelineContext(state: RunState, sourceInfo: ObjectInfo): PipelineContext {
  const context: PipelineContext = {
    source: state.source.store,
    destination: state.destination.store,
    sourceInfo,
    headAfterEveryChunk: state.source.store.localFiles !== undefined,
    onBytes: (delta) => {
      state.progress.bytesDone += delta;
      state.hooks.onProgress?.(state.progress);
    },
  };
  if (state.crc32c) context.crc32c = state.crc32c;
  return context;
}

function withRetry<T>(state: RunState, key: string, operation: () => Promise<T>): Promise<T> {
  return state.retry.run(operation, (event) => state.hooks.onRetry?.({ ...event, key }));
}

/** Objects up to this size share the wide small-object pool. */
const SMALL_OBJECT = 1024 * 1024;

/** Largest object a single server-side copy request may handle (S3 CopyObject: 5 GiB). */
const MAX_SERVER_SIDE_COPY = 5 * 1024 ** 3;

/**
 * Inside one store the bytes need not pass through this process: the store copies them
 * (copy_file_range/reflink for files, CopyObject on S3). Verified by size, by ETag where the
 * store reports MD5s, and by the source being unchanged afterwards.
 */
function serverSideCopyApplies(state: RunState, pair: CopyPair): boolean {
  const { source, destination } = state;
  return (
    source.store.uri === destination.store.uri &&
    destination.store.features.serverSideCopy &&
    typeof destination.store.copy === 'function' &&
    pair.source.size <= MAX_SERVER_SIDE_COPY
  );
}

async function copyInsideStore(state: RunState, pair: CopyPair): Promise<void> {
  const store = state.destination.store;
  const context = pipelineContext(state, pair.source);
  const info = await withRetry(state, pair.source.key, () =>
    (store.copy as (from: string, to: string) => Promise<ObjectInfo>).call(
      store,
      pair.source.key,
      pair.destinationKey,
    ),
  );
  try {
    await assertSourceUnchanged(context);
    const sourceMd5 = knownMd5(pair.source);
    const copiedMd5 = knownMd5(info);
    if (info.size !== pair.source.size) {
      throw new ChecksumMismatchError(
        `copy of '${pair.source.key}'`,
        `${pair.source.size} bytes`,
        `${info.size} bytes`,
      );
    }
    if (sourceMd5 && copiedMd5 && sourceMd5 !== copiedMd5) {
      throw new ChecksumMismatchError(`copy of '${pair.source.key}'`, sourceMd5, copiedMd5);
    }
  } catch (error) {
    await store.delete(pair.destinationKey).catch(() => undefined); // a changed or bad copy must not stay
    throw error;
  }
  context.onBytes(pair.source.size);
  state.counters.partsSent += 1;
}

async function copySmallObject(state: RunState, pair: CopyPair, plan: ObjectPlan): Promise<void> {
  const context = pipelineContext(state, pair.source);
  const chunk = plan.chunks[0] as Chunk;
  const partSizeForEtag = sourcePartSize(pair.source);
  await withRetry(state, pair.source.key, () => copyWholeObject(context, chunk, partSizeForEtag));
  state.counters.partsSent += 1;
}

/** The upload to continue from the manifest, or a fresh one (a stale upload is aborted). */
async function openUpload(
  state: RunState,
  plan: ObjectPlan,
  sourceInfo: ObjectInfo,
): Promise<{ uploadId: string; done: Map<number, { etag: string; md5: string }> }> {
  const { destination } = state;
  const manifest = state.manifest as ResumeManifest;
  let record = manifest.upload(plan.destinationKey);
  const version = sourceVersion(sourceInfo);
  if (
    record &&
    (await destination.store.uploadExists?.(plan.destinationKey, record.uploadId)) === false
  ) {
    // Aborted or expired on the server: resuming it could only fail, on every rerun.
    state.hooks.onNotice?.(
      `the recorded upload of ${locationOf(destination.store, plan.destinationKey)} no longer exists on the server: starting it again`,
    );
    await manifest.forget(plan.destinationKey);
    record = undefined;
  }
  if (record && record.sourceVersion === version && record.partSize === plan.partSize) {
    const done = new Map<number, { etag: string; md5: string }>();
    for (const [partNumber, part] of Object.entries(record.parts))
      done.set(Number(partNumber), part);
    return { uploadId: record.uploadId, done };
  }
  if (record) {
    await destination.store
      .abortMultipart(plan.destinationKey, record.uploadId)
      .catch(() => undefined);
  }
  // Parts laid out as the source's multipart ETag says are each checked by their MD5 (hashed on
  // the way): a destination need not hash the whole object as well (the local store would spend
  // a second MD5 pass, ~1.7 s of CPU per GiB here, for a checksum nothing compares).
  const partsChecked = sourcePartSize(sourceInfo) === plan.partSize;
  const uploadId = await withRetry(state, plan.destinationKey, () =>
    destination.store.createMultipart(plan.destinationKey, {
      partSize: plan.partSize,
      ...(partsChecked ? { wholeChecksum: false } : {}),
    }),
  );
  await manifest.startUpload(plan.destinationKey, {
    uploadId,
    sourceSize: sourceInfo.size,
    sourceVersion: version,
    partSize: plan.partSize,
  });
  return { uploadId, done: new Map() };
}

async function sendParts(
  state: RunState,
  context: PipelineContext,
  plan: ObjectPlan,
  uploadId: string,
  done: Map<number, { etag: string; md5: string }>,
  chunks: Chunk[],
): Promise<void> {
  const manifest = state.manifest as ResumeManifest;
  let failed = false;
  // A store may take fewer parts of one object at once (the local store hashes them in order).
  const perObject = pLimit(
    state.destination.store.features.maxPartsInFlight ?? Math.max(1, chunks.length),
  );
  await Promise.all(
    chunks.map((chunk) =>
      perObject(() =>
        state.limits.parts(async () => {
          if (failed) return; // one part failed for good: do not start the others
          try {
            const { part, digests } = await withRetry(state, plan.destinationKey, () =>
              copyPart(context, chunk, uploadId),
            );
            done.set(chunk.partNumber, { etag: part.etag, md5: digests.md5 });
            state.counters.partsSent += 1;
            chunk.state = 'complete';
            await manifest.finishPart(plan.destinationKey, chunk.partNumber, {
              etag: part.etag,
              md5: digests.md5,
              size: chunk.length,
            });
          } catch (error) {
            failed = true;
            chunk.state = 'failed';
            throw error;
          }
        }),
      ),
    ),
  );
}

/**
 * The source's multipart ETag promises the MD5 of every part (when the layouts match): a
 * mismatch means some part was read corrupted. Each part is fetched again, and the parts whose
 * bytes differ from the first read are sent again.
 */
async function repairAgainstSource(
  state: RunState,
  context: PipelineContext,
  plan: ObjectPlan,
  uploadId: string,
  done: Map<number, { etag: string; md5: string }>,
): Promise<void> {
  const expected = normalizeEtag(context.sourceInfo.etag);
  if (!expected || multipartEtagParts(expected) !== plan.chunks.length) return;
  const md5s = () => plan.chunks.map((chunk) => done.get(chunk.partNumber)?.md5 ?? '');
  for (let round = 0; round < 2 && multipartEtag(md5s()) !== expected; round += 1) {
    const suspects: Chunk[] = [];
    await Promise.all(
      plan.chunks.map((chunk) =>
        state.limits.parts(async () => {
          const range = { start: chunk.offset, end: chunk.offset + chunk.length - 1 };
          const again = await withRetry(state, plan.sourceKey, () =>
            checksumRange(state.source.store, plan.sourceKey, range),
          );
          if (again.md5 !== done.get(chunk.partNumber)?.md5) suspects.push(chunk);
        }),
      ),
    );
    state.counters.partsRepaired += suspects.length;
    await sendParts(state, context, plan, uploadId, done, suspects);
  }
  const computed = multipartEtag(md5s());
  if (computed !== expected)
    throw new ChecksumMismatchError(`read of '${plan.sourceKey}'`, expected, computed);
}

/**
 * Completes the upload and checks the assembled object: against the multipart ETag formula when
 * the destination reports one (AWS S3), else against a whole-object MD5 when the destination
 * reports one (s3rver, local files) and we know the source's (read alongside the parts, or
 * promised by the source's metadata). A bad object is deleted before the error is thrown.
 */
async function completeUpload(
  state: RunState,
  plan: ObjectPlan,
  sourceInfo: ObjectInfo,
  uploadId: string,
  done: Map<number, { etag: string; md5: string }>,
  sourceChecksums: Promise<WholeChecksums>,
): Promise<void> {
  const store = state.destination.store;
  const parts: CompletedPart[] = plan.chunks.map((chunk) => ({
    partNumber: chunk.partNumber,
    etag: (done.get(chunk.partNumber) as { etag: string }).etag,
  }));
  const formula = multipartEtag(plan.chunks.map((chunk) => done.get(chunk.partNumber)?.md5 ?? ''));
  const whole = await sourceChecksums;
  const wholeMd5 = whole.md5 ?? knownMd5(sourceInfo);
  const wholeCrc32c = whole.crc32c ?? sourceInfo.crc32c;
  let info: ObjectInfo;
  try {
    info = await withRetry(state, plan.destinationKey, () =>
      store.completeMultipart(plan.destinationKey, uploadId, parts),
    );
  } catch (error) {
    // A completion whose answer was lost (server restarted) leaves no upload but a whole object.
    const landed = error instanceof NotFoundError ? await store.head(plan.destinationKey) : null;
    if (!landed) throw error;
    const landedMd5 = knownMd5(landed);
    let matches =
      normalizeEtag(landed.etag) === formula || (wholeMd5 !== undefined && landedMd5 === wholeMd5);
    if (!matches && wholeMd5 === undefined && landedMd5 !== undefined) {
      // The server reports a whole-object MD5 (s3rver), not S3's formula, and none was computed
      // on the way: this rare lost answer pays for one pass over the source.
      const again = await checksumRange(state.source.store, plan.sourceKey).catch(() => undefined);
      matches = again?.md5 === landedMd5;
    }
    if (!matches) throw error;
    info = landed;
  }
  if (info.size !== plan.size) {
    await store.delete(plan.destinationKey).catch(() => undefined);
    throw new ChecksumMismatchError(
      `assembled object '${plan.destinationKey}'`,
      `${plan.size} bytes`,
      `${info.size} bytes`,
    );
  }
  const reported = normalizeEtag(info.etag);
  // The parts already matched the source's multipart ETag (repairAgainstSource).
  const partsVerified = normalizeEtag(sourceInfo.etag) === formula;
  let expected: string | undefined;
  let actual: string | undefined;
  if (reported && multipartEtagParts(reported) !== undefined)
    [expected, actual] = [formula, reported];
  else if (knownMd5(info) && wholeMd5) [expected, actual] = [wholeMd5, knownMd5(info)];
  else if (info.crc32c && wholeCrc32c) [expected, actual] = [wholeCrc32c, info.crc32c];
  else if (!partsVerified && (wholeMd5 || wholeCrc32c)) {
    // The destination reports no checksum of its own (a local file assembled in place, whose
    // parts were hashed as written) and the source promised only a whole-object one: read back.
    const back = await checksumRange(
      store,
      plan.destinationKey,
      undefined,
      undefined,
      state.crc32c,
    );
    [expected, actual] = wholeMd5 ? [wholeMd5, back.md5] : [wholeCrc32c, back.crc32c];
  }
  if (expected !== actual) {
    await store.delete(plan.destinationKey).catch(() => undefined);
    throw new ChecksumMismatchError(
      `assembled object '${plan.destinationKey}'`,
      expected ?? '',
      actual ?? '',
    );
  }
}

interface WholeChecksums {
  md5?: string;
  crc32c?: string;
}

/**
 * The MD5 (and CRC32C when the destination reports it) of a local source, read sequentially
 * alongside the parts: the page cache serves both reads. Only for a destination whose assembled
 * object reports a whole-object checksum: S3's multipart ETag is checked through the parts' MD5s,
 * and a second MD5 pass over the source (~1.7 s of CPU per GiB here) would only compete with the
 * upload for the cores.
 */
function sourceChecksumsAlongside(state: RunState, key: string): Promise<WholeChecksums> {
  // A server that reports a whole-object MD5 for a multipart object instead (s3rver) then has the
  // object checked by its size and by its parts, each by its MD5, as on AWS.
  if (
    state.source.store.localFiles === undefined ||
    state.destination.store.features.multipartProof === 'md5-of-parts'
  )
    return Promise.resolve({});
  // A failed read here surfaces through the parts instead.
  return checksumRange(state.source.store, key, undefined, undefined, state.crc32c).catch(
    () => ({}),
  );
}

async function copyLargeObject(
  state: RunState,
  pair: CopyPair,
  plan: ObjectPlan,
  previous?: Map<number, { etag: string; md5: string }>,
): Promise<void> {
  const context = pipelineContext(state, pair.source);
  const manifest = state.manifest as ResumeManifest;
  let { uploadId, done } = await openUpload(state, plan, pair.source);
  const missing = () => plan.chunks.filter((chunk) => !done.has(chunk.partNumber));
  const resumed = plan.chunks.length - missing().length;
  state.counters.partsResumed += resumed;
  for (const chunk of plan.chunks) if (done.has(chunk.partNumber)) context.onBytes(chunk.length);
  const sourceChecksums = sourceChecksumsAlongside(state, pair.source.key);
  try {
    try {
      await sendParts(state, context, plan, uploadId, done, missing());
    } catch (error) {
      // The recorded upload is gone (aborted, expired, server wiped): start it over once.
      if (!(error instanceof NotFoundError) || resumed === 0) throw error;
      state.counters.partsResumed -= resumed;
      context.onBytes(-resumed * plan.partSize);
      await manifest.forget(plan.destinationKey);
      ({ uploadId, done } = await openUpload(state, plan, pair.source));
      await sendParts(state, context, plan, uploadId, done, missing());
    }
    await assertSourceUnchanged(context);
    await repairAgainstSource(state, context, plan, uploadId, done);
    if (previous) {
      // Second pass after a bad assembled object: the parts that read differently were the bad ones.
      // (By MD5 when the engine hashed the part, else by the tag the destination gave it: a local
      // destination's CRC32C.)
      const fingerprint = (part?: { etag: string; md5: string }) => part?.md5 || part?.etag;
      for (const [partNumber, part] of done)
        if (fingerprint(previous.get(partNumber)) !== fingerprint(part))
          state.counters.partsRepaired += 1;
    }
    await completeUpload(state, plan, pair.source, uploadId, done, sourceChecksums);
    await manifest.forget(plan.destinationKey);
  } catch (error) {
    // Bad input or bad bytes: nothing partial may remain; a full disk: the staged parts would
    // keep the space taken. Other failures keep the upload for a rerun.
    if (
      error instanceof SourceChangedError ||
      error instanceof ChecksumMismatchError ||
      error instanceof NoSpaceError
    ) {
      await state.destination.store
        .abortMultipart(plan.destinationKey, uploadId)
        .catch(() => undefined);
      await manifest.forget(plan.destinationKey);
    }
    // The assembled object was wrong and no part could be blamed: fetch every part once more.
    if (error instanceof ChecksumMismatchError && !previous) {
      context.onBytes(-plan.size);
      return copyLargeObject(state, pair, plan, done);
    }
    throw error;
  }
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

/** Where a key is, as a person writes it (a local file keeps its leading '/'). */
function locationOf(store: ObjectStore, key: string): string {
  return store.locate?.(key) ?? `${store.uri}${key}`;
}

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

/**
 * Asks a store for an object's part layout when its multipart ETag leaves it ambiguous
 * (ObjectStore.partSize), so the parts are read and checked in the uploader's layout: inferring
 * it would read a 2-part object of 8 MiB parts and a 1 MiB tail as 5 MiB parts, whose MD5s
 * cannot match the ETag. Asked when the object's turn comes (one HEAD), not for the whole listing
 * up front; objects that need no asking cost nothing.
 */
async function withPartSize(
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

/** A part size the destination cannot take is refused, not silently changed. */
function assertPartSizeFits(partSize: number, destination: Location): void {
  const { minPartSize, maxPartSize, maxParts } = destination.store.features;
  if (Number.isInteger(partSize) && partSize >= minPartSize && partSize <= maxPartSize) return;
  throw new UsageError(
    `--part-size ${formatBytes(partSize)} does not fit '${destination.uri}': it takes parts of ` +
      `${formatBytes(minPartSize)} to ${formatBytes(maxPartSize)} (at most ${maxParts} parts an object)`,
  );
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

  const retry = new RetryStrategy({
    maxAttempts: options.maxAttempts,
    baseDelayMs: 100,
    maxDelayMs: 10_000,
    budget: 2_000,
    classify: classifyFailure,
  });
  const state: RunState = {
    source,
    destination,
    options,
    hooks,
    retry,
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

  // Decide what to copy, skip and delete.
  let toCopy = listing.pairs;
  let skipped = 0;
  let toDelete: ObjectInfo[] = [];
  // cp copies unconditionally (like `cp` and `aws s3 cp`); sync skips what is already there.
  if (sync) {
    const existing = await listDestination(destination, listing.destinationPrefix, filter);
    const byRelative = new Map(listing.pairs.map((pair) => [pair.relativeKey, pair]));
    const plan = planSync(
      listing.pairs.map((pair) => ({ ...pair.source, key: pair.relativeKey })),
      existing,
      { delete: options.deleteExtraneous },
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
    toCopy = [...byRelative.entries()].filter(([key]) => copyKeys.has(key)).map(([, pair]) => pair);
    skipped = plan.skip.length;
    toDelete = plan.delete.map((info) => ({
      ...info,
      key: `${listing.destinationPrefix}${info.key}`,
    }));
  }

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
    failed: [],
  };

  if (options.dryRun) {
    const planned: PlannedAction[] = [
      ...toCopy.map((pair) => ({
        action: 'copy' as const,
        source: locationOf(source.store, pair.source.key),
        destination: locationOf(destination.store, pair.destinationKey),
        size: pair.source.size,
      })),
      ...toDelete.map((info) => ({
        action: 'delete' as const,
        destination: locationOf(destination.store, info.key),
        size: info.size,
      })),
    ];
    return { ...summary, planned, seconds: (performance.now() - started) / 1000 };
  }

  state.progress.objectsTotal = toCopy.length;
  state.progress.bytesTotal = toCopy.reduce((total, pair) => total + pair.source.size, 0);
  hooks.onProgress?.(state.progress);
  const plans = toCopy.map((pair) => ({ pair, plan: planFor(state, pair) }));
  if (plans.some(({ plan }) => plan.multipart)) {
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

  const failed: FailedObject[] = [];
  const local = localCopier(source.store, destination.store); // local→local fast path
  const small = local ? undefined : smallDownloader(source.store, destination.store, state.crc32c);
  const smallUp = smallUploader(source.store, destination.store);
  await Promise.all(
    plans.map(({ pair, plan }) => {
      const limit = plan.multipart
        ? state.limits.large
        : pair.source.size <= SMALL_OBJECT
          ? state.limits.small
          : state.limits.medium;
      return limit(async () => {
        try {
          if (local) {
            await withRetry(state, pair.source.key, () =>
              local.copy(pair.source, pair.destinationKey),
            );
            pipelineContext(state, pair.source).onBytes(pair.source.size);
            state.counters.partsSent += 1;
          } else if (small && !plan.multipart && pair.source.size <= SMALL_DOWNLOAD_LIMIT) {
            await withRetry(state, pair.source.key, () =>
              small.download(pair.source, pair.destinationKey),
            );
            pipelineContext(state, pair.source).onBytes(pair.source.size);
            state.counters.partsSent += 1;
          } else if (smallUp && !plan.multipart && pair.source.size <= SMALL_UPLOAD_LIMIT) {
            await withRetry(state, pair.source.key, () =>
              smallUp.upload(pair.source, pair.destinationKey),
            );
            pipelineContext(state, pair.source).onBytes(pair.source.size);
            state.counters.partsSent += 1;
          } else if (serverSideCopyApplies(state, pair)) await copyInsideStore(state, pair);
          else {
            const source = await withPartSize(state, state.source.store, pair.source);
            const laidOut = source === pair.source ? pair : { ...pair, source };
            const final = laidOut === pair ? plan : planFor(state, laidOut);
            if (final.multipart) await copyLargeObject(state, laidOut, final);
            else await copySmallObject(state, laidOut, final);
          }
          state.counters.objects += 1;
          state.counters.bytes += pair.source.size;
        } catch (error) {
          const failure = failureOf(source.store, pair.source.key, error);
          failed.push(failure);
          hooks.onFailure?.(failure);
        } finally {
          state.progress.objectsDone += 1;
          hooks.onProgress?.(state.progress);
        }
      });
    }),
  );

  // Like rclone: never delete at the destination after an error, the source listing may be incomplete.
  let deleted = 0;
  if (failed.length === 0) {
    await Promise.all(
      toDelete.map((info) =>
        state.limits.small(async () => {
          await withRetry(state, info.key, () => destination.store.delete(info.key));
          deleted += 1;
        }),
      ),
    );
  }

  const seconds = (performance.now() - started) / 1000;
  return {
    ...summary,
    objects: state.counters.objects,
    bytes: state.counters.bytes,
    seconds,
    throughputMBps: seconds > 0 ? state.counters.bytes / 1e6 / seconds : 0,
    retries: retry.retries,
    deleted,
    partsSent: state.counters.partsSent,
    partsResumed: state.counters.partsResumed,
    partsRepaired: state.counters.partsRepaired,
    failed,
  };
}
