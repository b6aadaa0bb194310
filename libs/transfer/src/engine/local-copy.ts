/**
 * The local→local fast path. Between two paths on this machine the generic pipeline (a stream of
 * 4-5 stages, MD5, a path stat before and after) costs several times what `cp` pays per file, so
 * files are copied here with few system calls and the same guarantees:
 *
 * - integrity: the CRC32C of the bytes read from the source is compared with the CRC32C of the
 *   temporary destination file read back before it is renamed into place. CRC32C rather than MD5:
 *   no wire or foreign server sits in between, so the check is against accidental damage (a short
 *   write, a bad disk read), which CRC32C detects, and the hardware instruction makes it ~20× cheaper
 *   than MD5 in this process (@node-rs/crc32, already a dependency);
 * - atomic writes: a hidden temporary file beside the target, renamed into place only when the
 *   check passed; any failure removes it;
 * - change detection: the source must still be the file that was listed (size, mtime, via the
 *   listing's ETag) when it is opened, and unchanged (fstat on the same descriptor, plus the path
 *   for files copied by the kernel) after it was read; otherwise SourceChangedError (bad input).
 * - durability: fsync before the rename exactly when the destination store was opened with
 *   `fsync` (the checkpoint writer's choice); like `cp` and rclone's local backend, not by default.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Stats } from 'node:fs';
import { crc32c } from '@node-rs/crc32';
import pLimit, { type LimitFunction } from 'p-limit';
import { classifyFsError } from '../stores/local/fs-errors.js';
import { RESERVED_PREFIX } from '../stores/local/key-paths.js';
import { LocalStore } from '../stores/local/local-store.js';
import { localEtag } from '../stores/local/walk.js';
import type { ObjectInfo, ObjectStore } from '../stores/types.js';
import { ChecksumMismatchError, SourceChangedError } from './errors.js';

/** Files up to this size are read into one buffer; larger ones are copied by the kernel (copy_file_range). */
export const WHOLE_BUFFER_LIMIT = 1024 * 1024;

/**
 * Copies in flight. libuv runs file system calls on 4 threads, so more in flight only queues;
 * 16 measured best for 1000 × 100 KiB (benchmarks/transfer/local-notes.md).
 */
export const LOCAL_COPIES_IN_FLIGHT = 16;

function crcHex(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

/** The listed object is the one about to be read: same size and same mtime (the listing's ETag). */
function assertAsListed(listed: ObjectInfo, now: Stats): void {
  if (now.size !== listed.size)
    throw new SourceChangedError(listed.key, `size ${listed.size} became ${now.size}`);
  if (listed.etag !== undefined && localEtag(now.mtimeMs, now.size) !== listed.etag)
    throw new SourceChangedError(listed.key, 'its modification time changed');
}

function assertSameFile(key: string, before: Stats, after: Stats): void {
  if (after.size !== before.size)
    throw new SourceChangedError(key, `size ${before.size} became ${after.size}`);
  if (after.mtimeMs !== before.mtimeMs || after.ino !== before.ino || after.dev !== before.dev)
    throw new SourceChangedError(key, 'its modification time changed');
}

export class LocalCopier {
  private readonly limit: LimitFunction = pLimit(LOCAL_COPIES_IN_FLIGHT);
  /** Parent directories already created in this run: one mkdir per directory, not per file. */
  private readonly parents = new Map<string, Promise<void>>();
  /** Temporary names: one random part per run and a counter (no random bytes per file). */
  private readonly tempPrefix = `${RESERVED_PREFIX}tmp-${randomBytes(6).toString('hex')}-`;
  private temps = 0;

  constructor(
    private readonly source: LocalStore,
    private readonly destination: LocalStore,
  ) {}

  /** Copies one listed file to `destinationKey`; returns the CRC32C (hex) it verified. */
  copy(listed: ObjectInfo, destinationKey: string): Promise<string> {
    return this.limit(async () => {
      const from = this.source.pathOf(listed.key);
      const to = this.destination.pathOf(destinationKey);
      await this.makeParent(to, destinationKey);
      const temp = join(dirname(to), `${this.tempPrefix}${(this.temps += 1)}`);
      try {
        if (listed.size <= WHOLE_BUFFER_LIMIT) {
          const crc = this.copyBuffered(listed, from, temp, destinationKey);
          renameSync(temp, to);
          return crcHex(crc);
        }
        const crc = await this.copyByKernel(listed, from, temp, destinationKey);
        await rename(temp, to);
        return crcHex(crc);
      } catch (error) {
        await rm(temp, { force: true });
        throw classifyFsError(error, `copy ${listed.key} to ${destinationKey}`);
      }
    });
  }

  /**
   * Small file: one read into one buffer, one write, one read back, all as direct system calls.
   * Measured (local-notes.md): the same steps through the libuv thread pool took twice as long
   * for 1000 × 100 KiB, every step being a thread hop; each file blocks the event loop well under
   * a millisecond.
   */
  private copyBuffered(
    listed: ObjectInfo,
    from: string,
    temp: string,
    destinationKey: string,
  ): number {
    const data = readWholeSync(listed, from);
    const sent = crc32c(data);
    const out = openSync(temp, 'wx+');
    try {
      for (let offset = 0; offset < data.length;)
        offset += writeSync(out, data, offset, data.length - offset, offset);
      this.checkLanded(this.destination.crc32cOfSync(out, data.length), sent, destinationKey);
      if (this.destination.fsync) fsyncSync(out);
    } finally {
      closeSync(out);
    }
    return sent;
  }

  /**
   * Large file: the kernel copies (copy_file_range, a reflink where the filesystem can) while the
   * source is checksummed through a descriptor; then the copy is read back and checksummed.
   * Both reads are served by the page cache the copy just filled.
   */
  private async copyByKernel(
    listed: ObjectInfo,
    from: string,
    temp: string,
    destinationKey: string,
  ): Promise<number> {
    const input = await open(from, 'r');
    let sent: number;
    try {
      const before = await input.stat();
      assertAsListed(listed, before);
      [sent] = await Promise.all([
        this.source.crc32cOf(input, listed.size),
        copyFile(from, temp, constants.COPYFILE_EXCL),
      ]);
      assertSameFile(listed.key, before, await input.stat());
      // copyFile went by path: the path must still name the same, unchanged file.
      assertSameFile(listed.key, before, await stat(from));
    } finally {
      await input.close();
    }
    const out = await open(temp, 'r+');
    try {
      await this.verifyAndSync(out, listed.size, sent, destinationKey);
    } finally {
      await out.close();
    }
    return sent;
  }

  private async verifyAndSync(
    out: FileHandle,
    size: number,
    sent: number,
    destinationKey: string,
  ): Promise<void> {
    this.checkLanded(await this.destination.crc32cOf(out, size), sent, destinationKey);
    if (this.destination.fsync) await out.sync();
  }

  private checkLanded(landed: number, sent: number, destinationKey: string): void {
    if (landed !== sent)
      throw new ChecksumMismatchError(
        `write of '${destinationKey}'`,
        `crc32c ${crcHex(sent)}`,
        `crc32c ${crcHex(landed)}`,
      );
  }

  private makeParent(path: string, key: string): Promise<void> {
    const parent = dirname(path);
    let made = this.parents.get(parent);
    if (!made) {
      made = mkdir(parent, { recursive: true }).then(
        () => undefined,
        (error: unknown) => {
          this.parents.delete(parent); // a later attempt (retry) tries again
          throw classifyFsError(error, `write ${key}: cannot create its directory`);
        },
      );
      this.parents.set(parent, made);
    }
    return made;
  }
}

/**
 * The whole source through one descriptor. One fstat after the read, compared with the listing,
 * covers the whole window: any write since the listing changed the mtime (or the size).
 */
function readWholeSync(listed: ObjectInfo, from: string): Buffer {
  const input = openSync(from, 'r');
  try {
    const data = Buffer.allocUnsafe(listed.size);
    let offset = 0;
    while (offset < data.length) {
      const n = readSync(input, data, offset, data.length - offset, offset);
      if (n === 0) break;
      offset += n;
    }
    assertAsListed(listed, fstatSync(input));
    if (offset !== data.length)
      throw new SourceChangedError(
        listed.key,
        `read ${offset} bytes where ${data.length} were expected`,
      );
    return data;
  } finally {
    closeSync(input);
  }
}

/** A copier when both ends are the local filesystem, else undefined (the generic pipeline runs). */
export function localCopier(
  source: ObjectStore,
  destination: ObjectStore,
): LocalCopier | undefined {
  return source instanceof LocalStore && destination instanceof LocalStore
    ? new LocalCopier(source, destination)
    : undefined;
}
