/**
 * The per-chunk pipeline: read → check (byte count, source unchanged, checksum, what the source
 * promised) → write. The checks run in one pass-through stream stage (each extra stage cost a
 * measurable share of a small object's CPU), so backpressure flows end to end and a chunk never
 * sits whole in memory. A failed check destroys the body, which makes the destination's write
 * fail: atomic writes leave nothing.
 */
import { pipeline, type Readable } from 'node:stream';
import type {
  ByteRange,
  CompletedPart,
  MultipartUploads,
  ObjectInfo,
  ObjectStore,
} from '../stores/types.js';
import type { Chunk } from './chunks.js';
import {
  ChecksumStream,
  isMd5Etag,
  multipartEtag,
  multipartEtagParts,
  normalizeEtag,
  type Digests,
  type loadCrc32c,
} from './checksum.js';
import { knownMd5 } from './diff.js';
import { ChecksumMismatchError, SourceChangedError } from './errors.js';
import { parseCrc32cPartEtag } from '../stores/crc32c.js';

export interface PipelineContext {
  source: ObjectStore;
  destination: ObjectStore;
  /** The source object as listed before the copy started. */
  sourceInfo: ObjectInfo;
  /** CRC32C class when the destination reports CRC32C. */
  crc32c?: Awaited<ReturnType<typeof loadCrc32c>>;
  /** Re-check the source's metadata after every chunk (cheap for files, where changes happen). */
  headAfterEveryChunk: boolean;
  /** Bytes read, for progress; negative when a failed attempt's bytes are taken back. */
  onBytes: (delta: number) => void;
}

/** The store's multipart slot (parts are planned only where features.multipart says so). */
export function uploadsOf(store: ObjectStore): MultipartUploads {
  if (!store.multipart) throw new Error(`${store.uri} takes no uploads in parts`);
  return store.multipart;
}

/** Version of an object as far as change detection goes. */
export function sourceVersion(info: ObjectInfo): string {
  return `${info.size}:${normalizeEtag(info.etag) ?? ''}:${info.lastModified?.getTime() ?? ''}`;
}

export async function assertSourceUnchanged(context: PipelineContext): Promise<void> {
  const { sourceInfo } = context;
  const now = await context.source.head(sourceInfo.key);
  if (!now) throw new SourceChangedError(sourceInfo.key, 'it was deleted');
  if (now.size !== sourceInfo.size) {
    throw new SourceChangedError(sourceInfo.key, `size ${sourceInfo.size} became ${now.size}`);
  }
  if (sourceVersion(now) !== sourceVersion(sourceInfo)) {
    throw new SourceChangedError(sourceInfo.key, 'its modification time or ETag changed');
  }
}

// Stage 1: read.
async function readStage(context: PipelineContext, chunk: Chunk): Promise<Readable> {
  const whole = chunk.offset === 0 && chunk.length === context.sourceInfo.size;
  const range: ByteRange | undefined =
    whole || chunk.length === 0
      ? undefined
      : { start: chunk.offset, end: chunk.offset + chunk.length - 1 };
  return context.source.read(chunk.sourceKey, range);
}

/**
 * Stage 2, check: exactly the planned bytes, (for files) the source unchanged afterwards, and the
 * bytes' checksums against what the source's metadata promises, all before the stream may end.
 */
async function checkChunk(
  context: PipelineContext,
  chunk: Chunk,
  stage: ChecksumStream,
): Promise<void> {
  if (stage.bytes !== chunk.length) {
    throw new SourceChangedError(
      chunk.sourceKey,
      `read ${stage.bytes} bytes where ${chunk.length} were expected`,
    );
  }
  if (context.headAfterEveryChunk) await assertSourceUnchanged(context);
  const { digests } = stage;
  if (chunk.partNumber === 0 && digests)
    verifyAgainstSource(
      context.sourceInfo,
      digests,
      stage.partMd5s.length > 0 ? stage.partMd5s : undefined,
    );
}

/** What the source's metadata promises about a whole object's bytes. */
export function verifyAgainstSource(
  sourceInfo: ObjectInfo,
  digests: Digests,
  partMd5s: string[] | undefined,
): void {
  const expectedMd5 = knownMd5(sourceInfo);
  if (expectedMd5 && digests.md5 !== expectedMd5) {
    throw new ChecksumMismatchError(`read of '${sourceInfo.key}'`, expectedMd5, digests.md5);
  }
  if (sourceInfo.crc32c && digests.crc32c && digests.crc32c !== sourceInfo.crc32c) {
    throw new ChecksumMismatchError(
      `read of '${sourceInfo.key}'`,
      sourceInfo.crc32c,
      digests.crc32c,
    );
  }
  const sourceEtag = normalizeEtag(sourceInfo.etag);
  if (partMd5s && sourceEtag?.includes('-')) {
    const computed = multipartEtag(partMd5s);
    if (computed !== sourceEtag)
      throw new ChecksumMismatchError(`read of '${sourceInfo.key}'`, sourceEtag, computed);
  }
}

/** Compares what the destination reports with what was sent. */
export function verifyReported(what: string, reported: ObjectInfo, digests: Digests): void {
  const reportedMd5 = knownMd5(reported);
  if (reportedMd5 && reportedMd5 !== digests.md5)
    throw new ChecksumMismatchError(what, digests.md5, reportedMd5);
  if (reported.crc32c && digests.crc32c && reported.crc32c !== digests.crc32c) {
    throw new ChecksumMismatchError(what, digests.crc32c, reported.crc32c);
  }
}

/**
 * Runs the stages; the returned body is what the write stage consumes. `finished` settles when
 * every stage has finished: a destination may accept the last byte (Content-Length reached)
 * before a stage's final check fails, so writers await it before trusting the write.
 */
function buildBody(
  context: PipelineContext,
  chunk: Chunk,
  input: Readable,
  counted: { bytes: number },
  partSizeForEtag?: number,
  hash = true,
): { body: Readable; stage: ChecksumStream; finished: Promise<void> } {
  const stage = new ChecksumStream({
    md5: hash,
    crc32c: hash ? context.crc32c : undefined,
    partSize: partSizeForEtag,
    onChunk: (data) => {
      counted.bytes += data.length;
      context.onBytes(data.length);
    },
    beforeEnd: (self) => checkChunk(context, chunk, self),
  });
  let settle: (error: Error | null | undefined) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    settle = (error) => (error ? reject(error) : resolve());
  });
  finished.catch(() => undefined); // observed by the writer; never an unhandled rejection
  const body = pipeline(input, stage, (error) => settle(error));
  // The stage ends only when read to the end; the error (if any) arrives earlier.
  body.once('end', () => settle(null));
  return { body, stage, finished };
}

/**
 * The stages' own verdict wins over the write's: when a stage failed (the source changed, bad
 * bytes), that is the cause to report and act on, whatever the destination made of the stream.
 */
async function writeThrough<T>(
  write: Promise<T>,
  body: Readable,
  finished: Promise<void>,
): Promise<T> {
  let result: T;
  try {
    result = await write;
  } catch (error) {
    body.destroy(); // settles `finished` even when the writer stopped reading early
    const stageError = await finished.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    if (stageError instanceof SourceChangedError || stageError instanceof ChecksumMismatchError)
      throw stageError;
    throw error;
  }
  await finished;
  return result;
}

/** Wraps one attempt so its bytes are taken back from progress when it fails. */
async function attempt<T>(
  context: PipelineContext,
  run: (counted: { bytes: number }) => Promise<T>,
): Promise<T> {
  const counted = { bytes: 0 };
  try {
    return await run(counted);
  } catch (error) {
    context.onBytes(-counted.bytes);
    throw error;
  }
}

/** A whole object in one write (small objects, or destinations without multipart). */
export function copyWholeObject(
  context: PipelineContext,
  chunk: Chunk,
  partSizeForEtag?: number,
): Promise<{ info: ObjectInfo; digests: Digests }> {
  return attempt(context, async (counted) => {
    const input = await readStage(context, chunk);
    const { body, stage } = buildBody(context, chunk, input, counted, partSizeForEtag);
    const info = await context.destination.write(chunk.destinationKey, body, {
      size: chunk.length,
    });
    const digests = stage.digests as Digests;
    verifyReported(`write of '${chunk.destinationKey}'`, info, digests);
    return { info, digests };
  });
}

/**
 * One part of a multipart upload; the part ETag is checked when it is an MD5 (S3). `digests.md5`
 * is '' for a part a local destination tagged itself (not hashed here).
 */
export function copyPart(
  context: PipelineContext,
  chunk: Chunk,
  uploadId: string,
): Promise<{ part: CompletedPart; digests: Digests }> {
  return attempt(context, async (counted) => {
    const input = await readStage(context, chunk);
    // A destination that tags each part from what it wrote, in this process (the local store's
    // CRC32C), has the assembled object's checksum compared with the source's on completion:
    // hashing here too would cost an MD5 pass over every byte. Only a source with a multipart
    // ETag needs the parts' MD5s (they are checked against its formula, repairAgainstSource).
    const inProcess =
      context.destination.features.partsTaggedInProcess === true &&
      multipartEtagParts(context.sourceInfo.etag) === undefined;
    const { body, stage, finished } = buildBody(
      context,
      chunk,
      input,
      counted,
      undefined,
      !inProcess,
    );
    const part = await writeThrough(
      uploadsOf(context.destination).uploadPart(
        chunk.destinationKey,
        uploadId,
        chunk.partNumber,
        body,
        chunk.length,
      ),
      body,
      finished,
    );
    if (inProcess) {
      if (parseCrc32cPartEtag(part.etag) === undefined)
        throw new Error(`local part ETag '${part.etag}' is not a CRC32C tag`);
      return { part, digests: { md5: '', bytes: chunk.length } };
    }
    const digests = stage.digests as Digests;
    if (context.destination.features.checksum === 'md5' && isMd5Etag(part.etag)) {
      const etag = normalizeEtag(part.etag) ?? '';
      if (etag !== digests.md5)
        throw new ChecksumMismatchError(
          `part ${chunk.partNumber} of '${chunk.destinationKey}'`,
          digests.md5,
          etag,
        );
    }
    return { part, digests };
  });
}

/** Reads a range of an object only to checksum it (sync's verify step, re-fetch checks). */
export async function checksumRange(
  store: ObjectStore,
  key: string,
  range?: ByteRange,
  partSize?: number,
  crc32c?: PipelineContext['crc32c'],
): Promise<{ md5: string; crc32c?: string; partMd5s: string[] }> {
  const input = await store.read(key, range);
  const checksum = new ChecksumStream({ crc32c, partSize });
  await new Promise<void>((resolve, reject) => {
    pipeline(input, checksum, (error) => (error ? reject(error) : resolve())).resume();
  });
  const { md5, crc32c: crc } = checksum.digests as Digests;
  return crc
    ? { md5, crc32c: crc, partMd5s: checksum.partMd5s }
    : { md5, partMd5s: checksum.partMd5s };
}
