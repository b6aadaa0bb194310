/**
 * Multipart uploads for the local store, staged in a hidden directory beside the target. Parts of
 * one size P (all but the last, which may be smaller) are written straight into one staging file
 * at offset (partNumber - 1) × P, so completing is a truncate and a rename, not a second copy
 * (or read) of the object. P is
 * fixed by the first part to arrive; a part that does not fit that layout is kept in a file of its
 * own, and completion then concatenates in part order (one extra pass). Each part leaves a marker
 * `part-NNNNN-<p|f>-<size>-<md5>` (p: in the data file, f: the marker file holds the bytes); a
 * re-sent part replaces its marker.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, open, readdir, readFile, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BadRequestError, IntegrityError } from '../errors.js';
import { MeasuringStream } from '../hashing.js';
import type { CompletedPart } from '../types.js';
import { RESERVED_PREFIX } from './key-paths.js';

const DATA = 'data';
const LAYOUT = 'layout';
const MARKER = /^part-(\d{5})-([pf])-(\d+)-([0-9a-f]{32})$/;

interface PartMarker {
  name: string;
  partNumber: number;
  inDataFile: boolean;
  size: number;
  md5: string;
}

export async function createStaging(staging: string): Promise<void> {
  await writeFile(join(staging, DATA), '', { flag: 'wx' });
}

/** Stores one part; returns its MD5 (hex), which is the part's ETag. */
export async function stagePart(
  staging: string,
  partNumber: number,
  source: Readable,
  size: number,
  what: string,
  fsync: boolean,
): Promise<string> {
  const partSize = await layoutPartSize(staging, size);
  const meter = new MeasuringStream();
  let name: string;
  if (size <= partSize) {
    const handle = await open(join(staging, DATA), 'r+');
    await pipeline(
      source,
      meter,
      handle.createWriteStream({ start: (partNumber - 1) * partSize, flush: fsync }),
    );
    checkSize(meter.bytes, size, what);
    name = markerName(partNumber, true, size, meter.md5Hex());
    await writeFile(join(staging, name), '');
  } else {
    const temp = join(staging, `${RESERVED_PREFIX}tmp-${randomBytes(8).toString('hex')}`);
    try {
      await pipeline(source, meter, createWriteStream(temp, { flags: 'wx', flush: fsync }));
      checkSize(meter.bytes, size, what);
      name = markerName(partNumber, false, size, meter.md5Hex());
      await rename(temp, join(staging, name));
    } finally {
      await rm(temp, { force: true });
    }
  }
  const prefix = `${name.slice(0, 'part-00000-'.length)}`;
  const stale = (await readdir(staging)).filter((n) => n.startsWith(prefix) && n !== name);
  await Promise.all(stale.map((n) => rm(join(staging, n), { force: true })));
  return meter.md5Hex();
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
    const etag = part.etag.replace(/"/g, '');
    const marker = markers.get(part.partNumber)?.find((m) => m.md5 === etag);
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
  if (inPlace) {
    // No read pass: each part was hashed as it was written (its marker holds the MD5) and the
    // engine checks those against the source's checksums; a whole-object MD5 would cost a second
    // full pass over the object (the main cost of a large download here).
    await truncate(data, last * partSize + (chosen[last]?.size ?? 0));
    if (fsync) {
      const handle = await open(data, 'r+');
      await handle.sync().finally(() => handle.close());
    }
    await rename(data, target);
    return {};
  }
  const meter = new MeasuringStream();
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
    await rename(temp, target);
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

function markerName(partNumber: number, inDataFile: boolean, size: number, md5: string): string {
  return `part-${String(partNumber).padStart(5, '0')}-${inDataFile ? 'p' : 'f'}-${size}-${md5}`;
}

function parseMarker(name: string): PartMarker | undefined {
  const match = MARKER.exec(name);
  if (!match) return undefined;
  return {
    name,
    partNumber: Number(match[1]),
    inDataFile: match[2] === 'p',
    size: Number(match[3]),
    md5: match[4] ?? '',
  };
}
