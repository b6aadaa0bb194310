/**
 * The local→local fast path. Between two paths on this machine the generic pipeline (a stream of
 * 4-5 stages, MD5, a path stat before and after) costs several times what `cp` pays per file, so
 * files are copied here with few system calls and the same guarantees:
 *
 * - integrity: what landed is read back from the temporary file and checked against what was
 *   read from the source before the rename: small files byte for byte (both read into memory,
 *   then memcmp), large ones by the CRC32C of each 4 MiB block of both (hardware CRC, ~2 GB/s
 *   here against ~250 MB/s for MD5; no wire or foreign server sits in between, so the check is
 *   against accidental damage, which CRC32C detects). A mismatch is an IntegrityError: retried;
 * - atomic writes: a hidden temporary file beside the target, renamed into place only when the
 *   comparison passed; any failure removes it;
 * - change detection: the source must still be the file that was listed (size and mtime, the
 *   listing's ETag) after it was read, by fstat on the descriptor that read it (and by path after
 *   a large file's kernel copy, which opens the path itself);
 * - durability: fsync before the rename (and of the directory after it) exactly when the
 *   destination store was opened with `fsync`; like `cp` and rclone's local backend, not by default.
 */
import { closeSync, constants, fstatSync, fsyncSync, openSync, type Stats } from 'node:fs';
import { copyFile, open, rm, stat, type FileHandle } from 'node:fs/promises';
import { crc32c } from '@node-rs/crc32';
import pLimit, { type LimitFunction } from 'p-limit';
import { crc32cHex } from '../../stores/crc32c.js';
import type { LocalFiles, ObjectInfo } from '../../stores/types.js';
import { ChecksumMismatchError, SourceChangedError } from '../errors.js';
import { sentWhole, slot, withRetry, type RouteExecutor, type RunState } from './run-state.js';

/** Files up to this size are compared in memory after the kernel copied them. */
export const WHOLE_BUFFER_LIMIT = 1024 * 1024;

/** Small files copied by the kernel at once (4 / 8 / 16 measured: 2545 / 1945-2420 / 2011 ms). */
const SMALL_FILES_IN_FLIGHT = 8;

/** Read size when checksumming a large file. */
const CRC_BLOCK = 4 * 1024 * 1024;

/** Large files in flight: the kernel copies and the checksum reads share one disk and two cores. */
const LARGE_FILES_IN_FLIGHT = 2;

/** The listed object is the one that was read: same size and same mtime (the listing's ETag). */
export function assertAsListed(files: LocalFiles, listed: ObjectInfo, now: Stats): void {
  if (now.size !== listed.size)
    throw new SourceChangedError(listed.key, `size ${listed.size} became ${now.size}`);
  if (listed.etag !== undefined && files.versionOf(now) !== listed.etag)
    throw new SourceChangedError(listed.key, 'its modification time changed');
}

function crcName(value: number): string {
  return `crc32c ${crc32cHex(value)}`;
}

function crcHex(bytes: Uint8Array): string {
  return crcName(crc32c(bytes));
}

/**
 * Blocks of one large file read at once: two 4 MiB reads in flight read 1 GiB from the page cache
 * in 0.24-0.26 s here, one at a time in 0.45 s (four: no better than two).
 */
const BLOCKS_IN_FLIGHT = 2;

/**
 * The CRC32C of each CRC_BLOCK of an open file's first `size` bytes, read through the store (a
 * test store may lie). Per block, not one running CRC, so blocks can be read in any order, several
 * at once; a file shorter than `size` ends its list early (and cannot match).
 */
async function blockCrcs(store: LocalFiles, handle: FileHandle, size: number): Promise<number[]> {
  const blocks = Math.ceil(size / CRC_BLOCK);
  const crcs: number[] = new Array<number>(blocks);
  let next = 0;
  let shortAt = blocks;
  const reader = async (): Promise<void> => {
    const buffer = Buffer.allocUnsafe(Math.min(Math.max(size, 1), CRC_BLOCK));
    for (let index = next++; index < shortAt; index = next++) {
      const offset = index * CRC_BLOCK;
      const want = Math.min(CRC_BLOCK, size - offset);
      const got = await store.readFully(handle, buffer.subarray(0, want), offset);
      crcs[index] = crc32c(buffer.subarray(0, got));
      if (got < want) shortAt = Math.min(shortAt, index + 1);
    }
  };
  await Promise.all(Array.from({ length: Math.min(BLOCKS_IN_FLIGHT, blocks) }, reader));
  return crcs.slice(0, shortAt);
}

/** Throws when the blocks read back differ from the blocks read from the source. */
function assertBlocksLanded(destinationKey: string, sent: number[], landed: number[]): void {
  const blocks = Math.max(sent.length, landed.length);
  for (let index = 0; index < blocks; index += 1) {
    if (sent[index] === landed[index]) continue;
    const name = (crc: number | undefined) => (crc === undefined ? 'nothing' : crcName(crc));
    throw new ChecksumMismatchError(
      `write of '${destinationKey}' (bytes from ${index * CRC_BLOCK})`,
      name(sent[index]),
      name(landed[index]),
    );
  }
}

/** Throws when the bytes read back differ from the bytes sent (named by their CRC32C). */
function assertLanded(destinationKey: string, sent: Buffer, back: Buffer, at: number): void {
  if (back.equals(sent)) return;
  const where = at === 0 && sent.length <= WHOLE_BUFFER_LIMIT ? '' : ` (bytes from ${at})`;
  throw new ChecksumMismatchError(
    `write of '${destinationKey}'${where}`,
    crcHex(sent),
    crcHex(back),
  );
}

export class LocalCopier {
  private readonly large: LimitFunction = pLimit(LARGE_FILES_IN_FLIGHT);
  /** Parent directories already created in this run: one mkdir per directory, not per file. */
  private readonly parents: ReturnType<LocalFiles['parentDirectories']>;
  /** Temporary names: one random part per run and a counter (no random bytes per file). */
  /**
   * Buffers for small files, reused: the compare step never awaits, so no two copies share them
   * at once. Two fresh buffers per file were ~12% of the main thread in a profile (allocation + GC).
   */
  private readonly scratch = [
    Buffer.allocUnsafe(WHOLE_BUFFER_LIMIT),
    Buffer.allocUnsafe(WHOLE_BUFFER_LIMIT + 1),
  ] as const;
  /** Kernel copies of small files in flight (libuv has 4 threads; 8 measured as well as 16). */
  private readonly small: LimitFunction = pLimit(SMALL_FILES_IN_FLIGHT);

  constructor(
    private readonly source: LocalFiles,
    private readonly destination: LocalFiles,
  ) {
    this.parents = destination.parentDirectories();
  }

  /** Copies one listed file to `destinationKey`, verified; the file appears atomically. */
  async copy(listed: ObjectInfo, destinationKey: string): Promise<void> {
    const from = this.source.pathOf(listed.key);
    const to = this.destination.pathOf(destinationKey);
    await this.parents.ensure(to);
    const temp = this.destination.tempPathBeside(to);
    try {
      if (listed.size <= WHOLE_BUFFER_LIMIT) {
        await this.copySmall(listed, from, temp, destinationKey);
        this.destination.renameIntoPlaceSync(temp, to);
      } else {
        await this.large(() => this.copyByKernel(listed, from, temp, destinationKey));
        await this.destination.renameIntoPlace(temp, to);
      }
    } catch (error) {
      await rm(temp, { force: true });
      throw this.destination.classifyError(error, `copy ${from} to ${to}`);
    }
  }

  /**
   * Small file: the kernel copies it in a pool thread (copyFile: open, copy_file_range, close in
   * one hop, several files at once), then, as direct system calls here, the source and the copy
   * are read into two buffers and compared byte for byte (memcmp; the bytes are in hand, no
   * checksum needed), and the copy is renamed. Measured (benchmarks/transfer/local-notes.md):
   * ~15-25% faster than reading, writing and reading back here, because the writes, the costliest
   * calls, run in parallel off the main thread.
   */
  private async copySmall(
    listed: ObjectInfo,
    from: string,
    temp: string,
    destinationKey: string,
  ): Promise<void> {
    await this.small(() => copyFile(from, temp, constants.COPYFILE_EXCL));
    // From here on nothing awaits: the scratch buffers are this file's alone.
    const data = this.scratch[0].subarray(0, listed.size);
    const input = openSync(from, 'r');
    try {
      const read = this.source.readFullySync(input, data, 0);
      // One fstat after the last read covers the whole window: a write since the listing (during
      // the kernel copy too) changed the mtime or the size.
      assertAsListed(this.source, listed, fstatSync(input));
      if (read !== data.length)
        throw new SourceChangedError(
          listed.key,
          `read ${read} bytes where ${data.length} were expected`,
        );
    } finally {
      closeSync(input);
    }
    const out = openSync(temp, this.destination.fsync ? 'r+' : 'r');
    try {
      const back = this.scratch[1].subarray(0, data.length + 1); // one more: a longer copy shows
      const got = this.destination.readFullySync(out, back, 0);
      assertLanded(destinationKey, data, back.subarray(0, got), 0);
      if (this.destination.fsync) fsyncSync(out);
    } finally {
      closeSync(out);
    }
  }

  /**
   * Large file: the kernel copies it (copy_file_range, as `cp` does; a userspace read/write loop
   * measured 2-6× slower here) while the source is checksummed through its own descriptor; then
   * the copy is read back and checksummed. Both reads come from the page cache the copy filled.
   */
  private async copyByKernel(
    listed: ObjectInfo,
    from: string,
    temp: string,
    destinationKey: string,
  ): Promise<void> {
    const input = await open(from, 'r');
    let sent: number[];
    try {
      const before = await input.stat();
      assertAsListed(this.source, listed, before);
      [sent] = await Promise.all([
        blockCrcs(this.source, input, listed.size),
        copyFile(from, temp, constants.COPYFILE_EXCL),
      ]);
      assertAsListed(this.source, listed, await input.stat());
      // copyFile went by path: the path must still name the same file, unchanged.
      const now = await stat(from);
      assertAsListed(this.source, listed, now);
      if (now.ino !== before.ino || now.dev !== before.dev)
        throw new SourceChangedError(listed.key, 'it was replaced while it was read');
    } finally {
      await input.close();
    }
    const out = await open(temp, 'r+');
    try {
      assertBlocksLanded(destinationKey, sent, await blockCrcs(this.destination, out, listed.size));
      if (this.destination.fsync) await out.sync();
    } finally {
      await out.close();
    }
  }
}

/** The local-copy route: both ends are files on this machine (the localFiles slot on both). */
export function localCopyRoute(state: RunState): RouteExecutor {
  const copier = new LocalCopier(
    slot(state.source.store.localFiles, 'a local source'),
    slot(state.destination.store.localFiles, 'a local destination'),
  );
  return async ({ pair }) => {
    await withRetry(state, pair.source.key, () => copier.copy(pair.source, pair.destinationKey));
    sentWhole(state, pair);
  };
}
