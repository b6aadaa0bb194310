/**
 * The multipart route's executor: one upload in parts, whatever the parts come from (a source
 * store read in ranges, for cp/sync; bytes in memory, for putObject). It opens the upload (or
 * continues the one the upload records hold), sends the missing parts with bounded concurrency
 * and retries, repairs parts against a source's multipart ETag, completes, and checks the
 * assembled object. A failure that leaves bad or half-made state aborts the upload; others keep it
 * for a rerun when the records are durable (the resume manifest), and abort it when they are not.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { NoSpaceError, NotFoundError } from '../../stores/errors.js';
import type { ByteRange, CompletedPart, ObjectInfo, ObjectStore } from '../../stores/types.js';
import type { Chunk, ObjectPlan } from '../chunks.js';
import { multipartEtag, multipartEtagParts, normalizeEtag, type Digests } from '../checksum.js';
import { sourcePartSize } from '../checksum-parts.js';
import { knownMd5 } from '../diff.js';
import { ChecksumMismatchError, SourceChangedError } from '../errors.js';
import type { PartRecord, UploadRecord } from '../manifest.js';
import {
  assertSourceUnchanged,
  checksumRange,
  copyPart,
  sourceVersion,
  uploadsOf,
} from '../pipeline.js';
import { planChunks } from './route-plan.js';
import {
  locationOf,
  pipelineContext,
  slot,
  withPartSize,
  withRetry,
  type RouteExecutor,
  type RunState,
} from './run-state.js';

/** Where an upload's progress is kept: the resume manifest, or memory for a one-shot put. */
export interface UploadRecords {
  /** false: nothing can continue a failed upload, so a failure aborts it. */
  readonly durable: boolean;
  upload(destinationKey: string): UploadRecord | undefined;
  startUpload(destinationKey: string, record: Omit<UploadRecord, 'parts'>): Promise<void>;
  finishPart(destinationKey: string, partNumber: number, part: PartRecord): Promise<void>;
  forget(destinationKey: string): Promise<void>;
}

/** Upload records that live as long as one call (putObject): never resumed. */
export class MemoryUploadRecords implements UploadRecords {
  readonly durable = false;
  private readonly uploads = new Map<string, UploadRecord>();
  upload(destinationKey: string): UploadRecord | undefined {
    return this.uploads.get(destinationKey);
  }
  async startUpload(destinationKey: string, record: Omit<UploadRecord, 'parts'>): Promise<void> {
    this.uploads.set(destinationKey, { ...record, parts: {} });
  }
  async finishPart(destinationKey: string, partNumber: number, part: PartRecord): Promise<void> {
    const upload = this.uploads.get(destinationKey);
    if (upload) upload.parts[String(partNumber)] = part;
  }
  async forget(destinationKey: string): Promise<void> {
    this.uploads.delete(destinationKey);
  }
}

/** Whole-object checksums of the source, when something knows them. */
export interface WholeChecksums {
  md5?: string;
  crc32c?: string;
}

export interface PartCounters {
  partsSent: number;
  partsResumed: number;
  partsRepaired: number;
}

/** Everything the executor needs from its caller: the ends, the part sender and the policies. */
export interface MultipartRun {
  destination: ObjectStore;
  records: UploadRecords;
  /** Parts in flight across the whole run (shared by every object's upload). */
  parts: LimitFunction;
  /** Runs `operation` under the caller's retry strategy; `what` names it for messages. */
  retrying<T>(what: string, key: string, operation: () => Promise<T>): Promise<T>;
  /** Sends one part and returns what the destination answered and the bytes' digests. */
  sendPart(chunk: Chunk, uploadId: string): Promise<{ part: CompletedPart; digests: Digests }>;
  /** The source's whole-object checksums (asked only when a check needs them). */
  wholeChecksums(): Promise<WholeChecksums>;
  /** Throws SourceChangedError when the source is no longer the object that was listed. */
  assertSourceUnchanged(): Promise<void>;
  /** Reads a range (or all) of the source only to checksum it (repairs; a lost completion). */
  checksumSource(range?: ByteRange): Promise<{ md5: string }>;
  /** Bytes done, for progress; negative when counted bytes are taken back. */
  onBytes(delta: number): void;
  counters: PartCounters;
  crc32c?: Parameters<typeof checksumRange>[4];
  onNotice?(message: string): void;
  /** How a person writes where `key` is, for messages. */
  locate(key: string): string;
}

type DoneParts = Map<number, { etag: string; md5: string }>;

/** The upload to continue from the records, or a fresh one (a stale upload is aborted). */
async function openUpload(
  run: MultipartRun,
  plan: ObjectPlan,
  sourceInfo: ObjectInfo,
): Promise<{ uploadId: string; done: DoneParts }> {
  const { destination, records } = run;
  let record = records.upload(plan.destinationKey);
  const version = sourceVersion(sourceInfo);
  if (
    record &&
    (await uploadsOf(destination).uploadExists?.(plan.destinationKey, record.uploadId)) === false
  ) {
    // Aborted or expired on the server: resuming it could only fail, on every rerun.
    run.onNotice?.(
      `the recorded upload of ${run.locate(plan.destinationKey)} no longer exists on the server: starting it again`,
    );
    await records.forget(plan.destinationKey);
    record = undefined;
  }
  if (record && record.sourceVersion === version && record.partSize === plan.partSize) {
    const done: DoneParts = new Map();
    for (const [partNumber, part] of Object.entries(record.parts))
      done.set(Number(partNumber), part);
    return { uploadId: record.uploadId, done };
  }
  if (record) {
    await uploadsOf(destination)
      .abortMultipart(plan.destinationKey, record.uploadId)
      .catch(() => undefined);
  }
  // Parts laid out as the source's multipart ETag says are each checked by their MD5 (hashed on
  // the way): a destination need not hash the whole object as well (the local store would spend
  // a second MD5 pass, ~1.7 s of CPU per GiB here, for a checksum nothing compares).
  const partsChecked = sourcePartSize(sourceInfo) === plan.partSize;
  const uploadId = await run.retrying(
    `start multipart ${plan.destinationKey}`,
    plan.destinationKey,
    () =>
      uploadsOf(destination).createMultipart(plan.destinationKey, {
        partSize: plan.partSize,
        ...(partsChecked ? { wholeChecksum: false } : {}),
      }),
  );
  await records.startUpload(plan.destinationKey, {
    uploadId,
    sourceSize: sourceInfo.size,
    sourceVersion: version,
    partSize: plan.partSize,
  });
  return { uploadId, done: new Map() };
}

async function sendParts(
  run: MultipartRun,
  plan: ObjectPlan,
  uploadId: string,
  done: DoneParts,
  chunks: Chunk[],
): Promise<void> {
  let failed = false;
  // A store may take fewer parts of one object at once (the local store hashes them in order).
  const perObject = pLimit(run.destination.features.maxPartsInFlight ?? Math.max(1, chunks.length));
  // Every part in flight settles before the failure surfaces: the caller may then abort the
  // upload, and a part still being written would put back staging (or a part) the abort removed.
  const sent = await Promise.allSettled(
    chunks.map((chunk) =>
      perObject(() =>
        run.parts(async () => {
          if (failed) return; // one part failed for good: do not start the others
          try {
            const { part, digests } = await run.retrying(
              `part ${chunk.partNumber} of ${plan.destinationKey}`,
              plan.destinationKey,
              () => run.sendPart(chunk, uploadId),
            );
            done.set(chunk.partNumber, { etag: part.etag, md5: digests.md5 });
            run.counters.partsSent += 1;
            chunk.state = 'complete';
            await run.records.finishPart(plan.destinationKey, chunk.partNumber, {
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
  const failure = sent.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

/**
 * The source's multipart ETag promises the MD5 of every part (when the layouts match): a
 * mismatch means some part was read corrupted. Each part is fetched again, and the parts whose
 * bytes differ from the first read are sent again.
 */
async function repairAgainstSource(
  run: MultipartRun,
  sourceInfo: ObjectInfo,
  plan: ObjectPlan,
  uploadId: string,
  done: DoneParts,
): Promise<void> {
  const expected = normalizeEtag(sourceInfo.etag);
  if (!expected || multipartEtagParts(expected) !== plan.chunks.length) return;
  const md5s = () => plan.chunks.map((chunk) => done.get(chunk.partNumber)?.md5 ?? '');
  for (let round = 0; round < 2 && multipartEtag(md5s()) !== expected; round += 1) {
    const suspects: Chunk[] = [];
    await Promise.all(
      plan.chunks.map((chunk) =>
        run.parts(async () => {
          const range = { start: chunk.offset, end: chunk.offset + chunk.length - 1 };
          const again = await run.retrying(`read ${plan.sourceKey}`, plan.sourceKey, () =>
            run.checksumSource(range),
          );
          if (again.md5 !== done.get(chunk.partNumber)?.md5) suspects.push(chunk);
        }),
      ),
    );
    run.counters.partsRepaired += suspects.length;
    await sendParts(run, plan, uploadId, done, suspects);
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
  run: MultipartRun,
  plan: ObjectPlan,
  sourceInfo: ObjectInfo,
  uploadId: string,
  done: DoneParts,
): Promise<ObjectInfo> {
  const store = run.destination;
  const parts: CompletedPart[] = plan.chunks.map((chunk) => ({
    partNumber: chunk.partNumber,
    etag: (done.get(chunk.partNumber) as { etag: string }).etag,
  }));
  const formula = multipartEtag(plan.chunks.map((chunk) => done.get(chunk.partNumber)?.md5 ?? ''));
  // Asked only when a check needs it (S3's formula needs none).
  let whole: Promise<WholeChecksums> | undefined;
  const wholeMd5 = async () => (await (whole ??= run.wholeChecksums())).md5 ?? knownMd5(sourceInfo);
  const wholeCrc32c = async () =>
    (await (whole ??= run.wholeChecksums())).crc32c ?? sourceInfo.crc32c;
  let info: ObjectInfo;
  try {
    info = await run.retrying(
      `complete multipart ${plan.destinationKey}`,
      plan.destinationKey,
      () => uploadsOf(store).completeMultipart(plan.destinationKey, uploadId, parts),
    );
  } catch (error) {
    // A completion whose answer was lost (server restarted) leaves no upload but a whole object.
    const landed = error instanceof NotFoundError ? await store.head(plan.destinationKey) : null;
    if (!landed) throw error;
    const landedMd5 = knownMd5(landed);
    const md5 = await wholeMd5();
    let matches =
      normalizeEtag(landed.etag) === formula || (md5 !== undefined && landedMd5 === md5);
    if (!matches && md5 === undefined && landedMd5 !== undefined) {
      // The server reports a whole-object MD5 (s3rver), not S3's formula, and none was computed
      // on the way: this rare lost answer pays for one pass over the source.
      const again = await run.checksumSource().catch(() => undefined);
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
  let md5: string | undefined;
  let crc: string | undefined;
  if (reported && multipartEtagParts(reported) !== undefined)
    [expected, actual] = [formula, reported];
  else if (knownMd5(info) && (md5 = await wholeMd5())) [expected, actual] = [md5, knownMd5(info)];
  else if (info.crc32c && (crc = await wholeCrc32c())) [expected, actual] = [crc, info.crc32c];
  else if (!partsVerified && ((md5 = await wholeMd5()) || (crc = await wholeCrc32c()))) {
    // The destination reports no checksum of its own (a local file assembled in place, whose
    // parts were hashed as written) and the source promised only a whole-object one: read back.
    const back = await checksumRange(store, plan.destinationKey, undefined, undefined, run.crc32c);
    [expected, actual] = md5 ? [md5, back.md5] : [crc, back.crc32c];
  }
  if (expected !== actual) {
    await store.delete(plan.destinationKey).catch(() => undefined);
    throw new ChecksumMismatchError(
      `assembled object '${plan.destinationKey}'`,
      expected ?? '',
      actual ?? '',
    );
  }
  return info;
}

/** Runs one object's multipart upload to its end (or its failure); returns the assembled object. */
export async function uploadInParts(
  run: MultipartRun,
  sourceInfo: ObjectInfo,
  plan: ObjectPlan,
  previous?: DoneParts,
): Promise<ObjectInfo> {
  const { records } = run;
  let { uploadId, done } = await openUpload(run, plan, sourceInfo);
  const missing = () => plan.chunks.filter((chunk) => !done.has(chunk.partNumber));
  const resumed = plan.chunks.length - missing().length;
  run.counters.partsResumed += resumed;
  for (const chunk of plan.chunks) if (done.has(chunk.partNumber)) run.onBytes(chunk.length);
  try {
    try {
      await sendParts(run, plan, uploadId, done, missing());
    } catch (error) {
      // The recorded upload is gone (aborted, expired, server wiped): start it over once.
      if (!(error instanceof NotFoundError) || resumed === 0) throw error;
      run.counters.partsResumed -= resumed;
      run.onBytes(-resumed * plan.partSize);
      await records.forget(plan.destinationKey);
      ({ uploadId, done } = await openUpload(run, plan, sourceInfo));
      await sendParts(run, plan, uploadId, done, missing());
    }
    await run.assertSourceUnchanged();
    await repairAgainstSource(run, sourceInfo, plan, uploadId, done);
    if (previous) {
      // Second pass after a bad assembled object: the parts that read differently were the bad ones.
      // (By MD5 when the engine hashed the part, else by the tag the destination gave it: a local
      // destination's CRC32C.)
      const fingerprint = (part?: { etag: string; md5: string }) => part?.md5 || part?.etag;
      for (const [partNumber, part] of done)
        if (fingerprint(previous.get(partNumber)) !== fingerprint(part))
          run.counters.partsRepaired += 1;
    }
    const info = await completeUpload(run, plan, sourceInfo, uploadId, done);
    await records.forget(plan.destinationKey);
    return info;
  } catch (error) {
    // Bad input or bad bytes: nothing partial may remain; a full disk: the staged parts would
    // keep the space taken; records nothing can resume from: the upload is of no use. Other
    // failures keep the upload for a rerun.
    if (
      !records.durable ||
      error instanceof SourceChangedError ||
      error instanceof ChecksumMismatchError ||
      error instanceof NoSpaceError
    ) {
      await uploadsOf(run.destination)
        .abortMultipart(plan.destinationKey, uploadId)
        .catch(() => undefined);
      await records.forget(plan.destinationKey);
    }
    // The assembled object was wrong and no part could be blamed: fetch every part once more.
    if (error instanceof ChecksumMismatchError && !previous) {
      run.onBytes(-plan.size);
      return uploadInParts(run, sourceInfo, plan, done);
    }
    throw error;
  }
}

/**
 * The source's whole-object checksums, read sequentially alongside the parts from a local source
 * (the page cache serves both reads), for a destination whose assembled object reports a
 * whole-object checksum. S3's multipart ETag is checked through the parts' MD5s, and a second MD5
 * pass over the source (~1.7 s of CPU per GiB here) would only compete with the upload for the
 * cores; a server that reports a whole-object MD5 for a multipart object instead (s3rver) then has
 * the object checked by its size and by its parts, each by its MD5, as on AWS.
 */
function sourceChecksumsAlongside(state: RunState, key: string): Promise<WholeChecksums> {
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

/** The multipart route of cp/sync: parts read in ranges from the source store, resumable. */
export function multipartRoute(state: RunState): RouteExecutor {
  return async ({ pair, plan }) => {
    // Read in the uploader's layout when the source's multipart ETag leaves it ambiguous.
    const source = await withPartSize(state, state.source.store, pair.source);
    const laidOut = source === pair.source ? pair : { ...pair, source };
    const final = laidOut === pair ? plan : planChunks(laidOut, state.ends.parts, state.options);
    const context = pipelineContext(state, source);
    const whole = sourceChecksumsAlongside(state, source.key);
    await uploadInParts(
      {
        destination: state.destination.store,
        records: slot(state.manifest, 'the resume manifest'),
        parts: state.limits.parts,
        retrying: (_what, key, operation) => withRetry(state, key, operation),
        sendPart: (chunk, uploadId) => copyPart(context, chunk, uploadId),
        wholeChecksums: () => whole,
        assertSourceUnchanged: () => assertSourceUnchanged(context),
        checksumSource: (range) => checksumRange(state.source.store, source.key, range),
        onBytes: context.onBytes,
        counters: state.counters,
        ...(state.crc32c ? { crc32c: state.crc32c } : {}),
        ...(state.hooks.onNotice ? { onNotice: state.hooks.onNotice } : {}),
        locate: (key) => locationOf(state.destination.store, key),
      },
      source,
      final,
    );
  };
}
