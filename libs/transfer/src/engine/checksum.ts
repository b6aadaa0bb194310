/**
 * Checksums computed while bytes flow: a pass-through Transform keeps backpressure intact and
 * never holds more than one buffer. MD5 is what S3 reports (single-part ETag, per-part ETag);
 * CRC32C is what GCS reports, so it is computed only when the destination will report it.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * The hardware CRC32C (stores/crc32c.ts), loaded only when a store reports CRC32C. It was the GCS
 * SDK's JavaScript CRC32C (~17 MB/s here, and it loaded the whole SDK); same digest, base64.
 */
type Crc32c = { update(data: Buffer): void; toString(): string };
let crc32cClass: (new () => Crc32c) | undefined;
export async function loadCrc32c(): Promise<new () => Crc32c> {
  crc32cClass ??= (await import('../stores/crc32c.js')).Crc32c;
  return crc32cClass;
}

export interface Digests {
  md5: string; // hex
  crc32c?: string; // base64, as GCS reports it
  bytes: number;
}

/** MD5 (and optionally CRC32C) of the bytes seen, as an accumulator a stream stage can share. */
export class Checksummer {
  private readonly md5: Hash = createHash('md5');
  private readonly crc: Crc32c | undefined;
  private bytes = 0;
  private result: Digests | undefined;

  constructor(options: { crc32c?: new () => Crc32c } = {}) {
    this.crc = options.crc32c ? new options.crc32c() : undefined;
  }

  update(chunk: Buffer): void {
    this.md5.update(chunk);
    this.crc?.update(chunk);
    this.bytes += chunk.length;
  }

  finish(): Digests {
    if (!this.result) {
      this.result = { md5: this.md5.digest('hex'), bytes: this.bytes };
      if (this.crc) this.result.crc32c = this.crc.toString();
    }
    return this.result;
  }

  /** Available once finish() ran. */
  get digests(): Digests {
    if (!this.result) throw new Error('checksum read before the stream ended');
    return this.result;
  }
}

export class ChecksumStream extends Transform {
  private readonly sum: Checksummer;

  /** Pass the class from `loadCrc32c()` to also compute CRC32C. */
  constructor(options: { crc32c?: new () => Crc32c } = {}) {
    super();
    this.sum = new Checksummer(options);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.sum.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.sum.finish();
    callback();
  }

  /** Available once the stream has ended. */
  get digests(): Digests {
    return this.sum.digests;
  }
}

/** An S3 ETag without quotes, lower case. */
export function normalizeEtag(etag: string | undefined): string | undefined {
  return etag?.replace(/^W\//, '').replace(/"/g, '').toLowerCase();
}

/** True when an ETag is a plain MD5 of the content (single-part S3 uploads, per-part ETags). */
export function isMd5Etag(etag: string | undefined): boolean {
  return /^[0-9a-f]{32}$/.test(normalizeEtag(etag) ?? '');
}

/** S3's multipart ETag: md5(concat(binary part md5s)) + "-" + number of parts. */
export function multipartEtag(partMd5s: string[]): string {
  const hash = createHash('md5');
  for (const md5 of partMd5s) hash.update(Buffer.from(md5, 'hex'));
  return `${hash.digest('hex')}-${partMd5s.length}`;
}

/** Parses "<hex>-N" into the part count, or undefined when the ETag is not a multipart ETag. */
export function multipartEtagParts(etag: string | undefined): number | undefined {
  const match = /^[0-9a-f]{32}-(\d+)$/.exec(normalizeEtag(etag) ?? '');
  return match ? Number(match[1]) : undefined;
}
