/**
 * Local → S3 fast path for small files (≤ 1 MiB): the file is read into one buffer with direct
 * system calls, checked to be the file that was listed (fstat on the descriptor that read it:
 * size and mtime), hashed once, and sent in one PUT with Content-MD5; the ETag S3 returns (the
 * MD5 of what it stored) must equal ours. The generic pipeline read each file through a stream,
 * a check stage and the store's chunker, hashed it twice and stat'ed it by path: with 64 small
 * files in flight the client's main thread, not the server, was the limit.
 */
import { closeSync, fstatSync, openSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { LocalFiles, ObjectInfo, ObjectStore } from '../../stores/types.js';
import { isMd5Etag, normalizeEtag } from '../checksum.js';
import { ChecksumMismatchError, SourceChangedError } from '../errors.js';
import { assertAsListed } from './local-copy.js';
import { sentWhole, slot, withRetry, type RouteExecutor, type RunState } from './run-state.js';

/** A store that takes a whole object from memory with its MD5 (the putBuffer slot). */
type BufferPutter = ObjectStore & Required<Pick<ObjectStore, 'putBuffer'>>;

export class SmallUploader {
  constructor(
    private readonly source: LocalFiles,
    private readonly destination: BufferPutter,
  ) {}

  /** Uploads one listed file to `destinationKey`, verified by the MD5 the service reports. */
  async upload(listed: ObjectInfo, destinationKey: string): Promise<void> {
    const data = this.readAsListed(listed);
    const md5 = createHash('md5').update(data).digest();
    const info = await this.destination.putBuffer(destinationKey, data, md5);
    const sent = md5.toString('hex');
    const stored = normalizeEtag(info.etag);
    if (isMd5Etag(stored) && stored !== sent) {
      await this.destination.delete(destinationKey).catch(() => undefined);
      throw new ChecksumMismatchError(`write of '${destinationKey}'`, sent, stored ?? '');
    }
  }

  /** The file's bytes, and proof they are the listed file's: same size and mtime after the read. */
  private readAsListed(listed: ObjectInfo): Buffer {
    const data = Buffer.allocUnsafe(listed.size);
    let fd: number;
    try {
      fd = openSync(this.source.pathOf(listed.key), 'r');
    } catch (error) {
      throw this.source.classifyError(error, `read ${listed.key}`);
    }
    try {
      const read = this.source.readFullySync(fd, data, 0);
      const now = fstatSync(fd);
      assertAsListed(this.source, listed, now);
      if (read !== listed.size)
        throw new SourceChangedError(
          listed.key,
          `read ${read} bytes where ${listed.size} were expected`,
        );
      return data;
    } finally {
      closeSync(fd);
    }
  }
}

/** The small-upload route: a small local file to a store with the putBuffer slot (S3). */
export function smallUploadRoute(state: RunState): RouteExecutor {
  const destination = state.destination.store;
  slot(destination.putBuffer, 'the putBuffer slot');
  const uploader = new SmallUploader(
    slot(state.source.store.localFiles, 'a local source'),
    destination as BufferPutter,
  );
  return async ({ pair }) => {
    await withRetry(state, pair.source.key, () =>
      uploader.upload(pair.source, pair.destinationKey),
    );
    sentWhole(state, pair);
  };
}
