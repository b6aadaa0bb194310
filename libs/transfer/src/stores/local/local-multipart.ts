/**
 * Multipart uploads for the local store, staged in a hidden directory beside the target. Parts of
 * one size P (all but the last, which may be smaller) are written straight into one staging file
 * at offset (partNumber - 1) × P, so completing is a truncate and a rename, not a second copy
 * of the object (its MD5 is advanced while the parts arrive). P is the part size the uploader
 * announced at creation (createMultipart's hint), else fixed by the first part to arrive; a part
 * that does not fit that layout is kept in a file of its own, and completion then concatenates in
 * part order (one extra pass). Each part leaves a marker `part-NNNNN-<p|f>-<size>-<crc32c>` (p: in
 * the data file, f: the marker file holds the bytes; crc32c: 8 hex digits, the part's ETag is
 * `crc32c-<them>`); a re-sent part replaces its marker. Markers of the MD5-tagged layout before
 * (32 hex digits) are not recognised: such a part counts as never uploaded and is sent again.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, writeSync } from 'node:fs';
import { crc32c } from '@node-rs/crc32';
import {
  type FileHandle,
  link,
  open,
  readdir,
  readFile,
  rm,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { pipeline } from 'node:stream/promises';
import { BadRequestError, IntegrityError } from '../errors.js';
import { ChecksumStream } from '../hashing.js';
import type { CompletedPart } from '../types.js';
import { CRC32C_ETAG_PREFIX, crc32cHex, parseCrc32cPartEtag } from '../crc32c.js';
import { renameIntoPlace, syncFile } from '../atomic-file.js';
import { RESERVED_PREFIX } from './key-paths.js';

const DATA = 'data';
const LAYOUT = 'layout';
const MARKER = /^part-(\d{5})-([pf])-(\d+)-([0-9a-f]{8})$/;

interface PartMarker {
  name: string;
  partNumber: number;
  inDataFile: boolean;
  size: number;
  /** CRC32C, 8 hex digits. */
  crc: string;
}

/**
 * Reads ranges of one file and MD5s them in order, in a worker thread: MD5 runs ~600 MB/s here
 * and on the main thread it would stall the transfer's own I/O. CommonJS source, evaluated.
 */
const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const md5 = require('node:crypto').createHash('md5');
const fd = openSync(workerData.path, 'r');
const buffer = Buffer.allocUnsafe(1024 * 1024);
// An upload abandoned (aborted, failed) sends nothing more: stop instead of lingering.
const stop = () => { closeSync(fd); process.exit(0); };
let idle = setTimeout(stop, 60000);
parentPort.on('message', (message) => {
  clearTimeout(idle);
  idle = setTimeout(stop, 60000);
  try {
    if (message.done) {
      clearTimeout(idle);
      closeSync(fd);
      parentPort.postMessage({ md5: md5.digest('hex') });
      return;
    }
    for (let done = 0; done < message.size; ) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, message.size - done), message.start + done);
      if (read === 0) throw new Error('short read');
      md5.update(buffer.subarray(0, read));
      done += read;
    }
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
});
`;

/**
 * The whole-object MD5 of an in-place upload, advanced while the upload runs: whenever the parts
 * from the start of the object have all been written, a worker reads them back (from the page
 * cache) and hashes them. Completion then needs no pass of its own, and the hashing overlaps the
 * transfer instead of following it. Kept only within this process; anything unusual (a part sent
 * again, an upload continued by another process) leaves it incomplete, and completion then
 * reports no MD5. The worker is unreferenced (it never holds the process) and stops by itself
 * after a minute without work (an aborted upload).
 */
class PrefixHash {
  private readonly written = new Map<number, number>();
  private next = 1;
  private broken = false;
  private readonly worker: Worker;
  private failure: Promise<void>;

  constructor(
    data: string,
    private readonly partSize: number,
  ) {
    this.worker = new Worker(HASH_WORKER, { eval: true, workerData: { path: data } });
    this.worker.unref();
    this.failure = new Promise((resolve) => {
      this.worker.on('message', (message: { error?: string }) => {
        if (message.error !== undefined) {
          this.broken = true;
          resolve();
        }
      });
      const fail = (): void => {
        this.broken = true;
        resolve();
      };
      this.worker.on('error', fail);
      this.worker.on('exit', fail);
    });
  }

  partStarting(partNumber: number): void {
    if (this.written.has(partNumber) || partNumber < this.next) this.broken = true;
  }

  partWritten(partNumber: number, size: number): void {
    this.written.set(partNumber, size);
    for (let next = this.written.get(this.next); next !== undefined && !this.broken;) {
      this.worker.postMessage({ start: (this.next - 1) * this.partSize, size: next });
      this.next += 1;
      next = this.written.get(this.next);
    }
  }

  /** Abandons the hash (the upload was aborted). */
  stop(): void {
    void this.worker.terminate();
  }

  /** The MD5 when exactly the given parts, at their sizes, were hashed in order. */
  async result(parts: { partNumber: number; size: number }[]): Promise<string | undefined> {
    const complete =
      !this.broken &&
      this.next === parts.length + 1 &&
      parts.every((p, i) => p.partNumber === i + 1 && this.written.get(p.partNumber) === p.size);
    if (!complete) {
      await this.worker.terminate();
      return undefined;
    }
    const md5 = new Promise<string | undefined>((resolve) => {
      this.worker.on('message', (message: { md5?: string }) => {
        if (message.md5 !== undefined) resolve(message.md5);
      });
      void this.failure.then(() => resolve(undefined));
    });
    this.worker.postMessage({ done: true });
    const result = await md5; // undefined when the worker failed on the way
    await this.worker.terminate();
    return result;
  }
}

/** By staging directory; null: the upload was created in this process without a whole-object MD5. */
const prefixHashes = new Map<string, PrefixHash | null>();

/**
 * `partSize`: the size of every part but the last, when the uploader knows it (fixes the layout).
 * `wholeMd5` false: completion reports no MD5 and none is computed (the uploader checks each part).
 */
export async function createStaging(
  staging: string,
  partSize?: number,
  wholeMd5 = true,
): Promise<void> {
  await writeFile(join(staging, DATA), '', { flag: 'wx' });
  if (partSize !== undefined)
    await writeFile(join(staging, LAYOUT), String(partSize), { flag: 'wx' });
  if (!wholeMd5) prefixHashes.set(staging, null);
}

/** Forgets what this process kept for an aborted upload (completion forgets it by itself). */
export function forgetStaging(staging: string): void {
  const prefix = prefixHashes.get(staging);
  prefixHashes.delete(staging);
  prefix?.stop();
}

/** Stores one part; returns its ETag, `crc32c-<8 hex>` (see crc32cPartEtag). */
export async function stagePart(
  staging: string,
  partNumber: number,
  source: Readable,
  size: number,
  what: string,
  fsync: boolean,
): Promise<string> {
  const partSize = await layoutPartSize(staging, size);
  let name: string;
  if (size <= partSize) {
    let prefix = prefixHashes.get(staging);
    if (prefix === undefined) {
      prefix = new PrefixHash(join(staging, DATA), partSize);
      prefixHashes.set(staging, prefix);
    }
    prefix?.partStarting(partNumber);
    const crc = await writePart(
      join(staging, DATA),
      'r+',
      (partNumber - 1) * partSize,
      source,
      fsync,
    );
    checkSize(crc.bytes, size, what);
    name = markerName(partNumber, true, size, crc.hex);
    await writeFile(join(staging, name), '');
    prefix?.partWritten(partNumber, size);
  } else {
    const temp = join(staging, `${RESERVED_PREFIX}tmp-${randomBytes(8).toString('hex')}`);
    try {
      const crc = await writePart(temp, 'wx', 0, source, fsync);
      checkSize(crc.bytes, size, what);
      name = markerName(partNumber, false, size, crc.hex);
      await renameIntoPlace(temp, join(staging, name), fsync);
    } finally {
      await rm(temp, { force: true });
    }
  }
  const prefix = `${name.slice(0, 'part-00000-'.length)}`;
  const stale = (await readdir(staging)).filter((n) => n.startsWith(prefix) && n !== name);
  await Promise.all(stale.map((n) => rm(join(staging, n), { force: true })));
  return `${CRC32C_ETAG_PREFIX}${name.slice(-8)}`;
}

async function writePart(
  path: string,
  flags: 'r+' | 'wx',
  position: number,
  source: Readable,
  fsync: boolean,
): Promise<{ hex: string; bytes: number }> {
  const handle = await open(path, flags);
  const writer = new HashingPositionedWriter(handle, position, fsync);
  try {
    await pipeline(source, writer);
  } finally {
    await handle.close();
  }
  return writer.result();
}

/**
 * CRC32Cs (hardware) and writes a part at its offset in one stage, with direct system calls.
 * Through a hashing stage and a file stream, every 64 KiB chunk of a download cost a stage hop
 * and a thread-pool write: a 1 GiB download used ~1.2 s more client CPU that way (5.6-5.9 s
 * against 6.8-7.4 s, two runs each, load 3-4); a 64 KiB write to the page cache blocks for
 * microseconds. The tag was an MD5 before: ~1.5 s of CPU per GiB, against ~0.3 s for CRC32C.
 */
class HashingPositionedWriter extends Writable {
  private crc = 0;
  private bytes = 0;

  constructor(
    private readonly handle: FileHandle,
    private position: number,
    private readonly fsync: boolean,
  ) {
    super({ highWaterMark: 1024 * 1024 });
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    try {
      this.crc = crc32c(chunk, this.crc);
      for (let done = 0; done < chunk.length;) {
        done += writeSync(this.handle.fd, chunk, done, chunk.length - done, this.position + done);
      }
      this.position += chunk.length;
      this.bytes += chunk.length;
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (!this.fsync) return callback();
    this.handle.sync().then(() => callback(), callback);
  }

  result(): { hex: string; bytes: number } {
    return { hex: crc32cHex(this.crc), bytes: this.bytes };
  }
}

/**
 * Puts the assembled object at `target` (atomically: a rename within one directory). Returns the
 * MD5 of the whole object when completion had to read it anyway (concatenation), else none.
 */
export async function completeStaging(
  staging: string,
  parts: CompletedPart[],
  target: string,
  what: string,
  fsync: boolean,
): Promise<{ md5?: string }> {
  if (parts.length === 0) throw new BadRequestError(`${what}: no parts given`);
  const markers = new Map<number, PartMarker[]>();
  for (const name of await readdir(staging)) {
    const marker = parseMarker(name);
    if (marker) markers.set(marker.partNumber, [...(markers.get(marker.partNumber) ?? []), marker]);
  }
  const ordered = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  const chosen = ordered.map((part, index) => {
    if (index > 0 && ordered[index - 1]?.partNumber === part.partNumber) {
      throw new BadRequestError(`${what}: part ${part.partNumber} listed twice`);
    }
    const crc = parseCrc32cPartEtag(part.etag);
    const marker = markers.get(part.partNumber)?.find((m) => m.crc === crc);
    if (!marker) {
      throw new BadRequestError(
        `${what}: part ${part.partNumber} with etag ${part.etag} was not uploaded`,
      );
    }
    return marker;
  });
  const partSize = Number(await readFile(join(staging, LAYOUT), 'utf8'));
  const last = chosen.length - 1;
  const inPlace = chosen.every(
    (m, i) =>
      m.inDataFile &&
      m.partNumber === i + 1 &&
      (i === last ? m.size <= partSize : m.size === partSize),
  );
  const data = join(staging, DATA);
  const prefix = prefixHashes.get(staging);
  prefixHashes.delete(staging);
  if (inPlace) {
    // No read pass of its own: the MD5 was advanced while the parts arrived (PrefixHash); when
    // it is incomplete none is reported (each part was hashed as written, and the engine checks
    // those against the source, or reads the object back when it must).
    const md5 = await prefix?.result(chosen);
    await truncate(data, last * partSize + (chosen[last]?.size ?? 0));
    if (fsync) await syncFile(data);
    await renameIntoPlace(data, target, fsync);
    return md5 === undefined ? {} : { md5 };
  }
  const meter = new ChecksumStream();
  const temp = join(dirname(target), `${RESERVED_PREFIX}tmp-${randomBytes(8).toString('hex')}`);
  const pieces = Readable.from(
    (async function* () {
      for (const m of chosen) {
        const start = (m.partNumber - 1) * partSize;
        yield* m.inDataFile
          ? createReadStream(data, { start, end: start + m.size - 1 })
          : createReadStream(join(staging, m.name));
      }
    })(),
  );
  try {
    await pipeline(pieces, meter, createWriteStream(temp, { flags: 'wx', flush: fsync }));
    await renameIntoPlace(temp, target, fsync);
  } finally {
    await rm(temp, { force: true });
  }
  return { md5: meter.md5Hex() };
}

/** The upload's part size: set by the first part to arrive (atomically, across processes). */
async function layoutPartSize(staging: string, size: number): Promise<number> {
  const path = join(staging, LAYOUT);
  // Written whole to a temporary name, then linked: a reader never sees an empty layout file.
  const temp = join(staging, `${RESERVED_PREFIX}tmp-${randomBytes(8).toString('hex')}`);
  await writeFile(temp, String(size));
  try {
    await link(temp, path);
    return size;
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw error;
    return Number(await readFile(path, 'utf8'));
  } finally {
    await rm(temp, { force: true });
  }
}

function checkSize(received: number, expected: number, what: string): void {
  if (received !== expected)
    throw new IntegrityError(`${what}: received ${received} bytes, expected ${expected}`);
}

function markerName(partNumber: number, inDataFile: boolean, size: number, crc: string): string {
  return `part-${String(partNumber).padStart(5, '0')}-${inDataFile ? 'p' : 'f'}-${size}-${crc}`;
}

function parseMarker(name: string): PartMarker | undefined {
  const match = MARKER.exec(name);
  if (!match) return undefined;
  return {
    name,
    partNumber: Number(match[1]),
    inDataFile: match[2] === 'p',
    size: Number(match[3]),
    crc: match[4] ?? '',
  };
}
