/**
 * Checksums computed while bytes flow: the one pass-through stream every store and the engine use
 * (MD5, optionally CRC32C and per-part MD5s, and a byte count), and the accumulators behind it for
 * callers that hold the bytes already. A pass-through Transform keeps backpressure intact and
 * never holds more than one buffer.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** The CRC32C accumulator's class (stores/crc32c.ts), passed in so callers load it only when needed. */
export type Crc32cClass = new () => { update(data: Buffer): void; toString(): string };

export interface Digests {
  md5: string; // hex
  crc32c?: string; // base64, as GCS reports it
  bytes: number;
}

/** MD5 (and optionally CRC32C) of the bytes seen, as an accumulator a stream stage can share. */
export class Checksummer {
  private readonly md5: Hash = createHash('md5');
  private readonly crc: InstanceType<Crc32cClass> | undefined;
  private bytes = 0;
  private result: Digests | undefined;

  constructor(options: { crc32c?: Crc32cClass | undefined } = {}) {
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

/** Per-part MD5s of bytes seen in order (checks a copy against a multipart ETag). */
export class PartMd5s {
  private current: Hash = createHash('md5');
  private inPart = 0;
  private readonly finished: string[] = [];

  constructor(private readonly partSize: number) {}

  update(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(this.partSize - this.inPart, chunk.length - offset);
      this.current.update(chunk.subarray(offset, offset + take));
      this.inPart += take;
      offset += take;
      if (this.inPart === this.partSize) this.closePart();
    }
  }

  finish(): string[] {
    if (this.inPart > 0 || this.finished.length === 0) this.closePart();
    return this.finished;
  }

  get partMd5s(): string[] {
    return this.finished;
  }

  private closePart(): void {
    this.finished.push(this.current.digest('hex'));
    this.current = createHash('md5');
    this.inPart = 0;
  }
}

export interface ChecksumStreamOptions {
  /** false: count only, no MD5 (a destination that tags what it wrote itself). Default true. */
  md5?: boolean;
  /** Also compute CRC32C (pass the class from `loadCrc32c()`). */
  crc32c?: Crc32cClass | undefined;
  /** Also compute the MD5 of every `partSize` bytes. */
  partSize?: number | undefined;
  /** Sees every chunk as it passes (progress). */
  onChunk?: (chunk: Buffer) => void;
  /** Runs when the input ended, before the stream ends: a throw fails the stream. */
  beforeEnd?: (stream: ChecksumStream) => Promise<void> | void;
}

/** The pass-through stream: hashes and counts what flows through it. */
export class ChecksumStream extends Transform {
  bytes = 0;
  private readonly sum: Checksummer | undefined;
  private readonly parts: PartMd5s | undefined;

  constructor(private readonly options: ChecksumStreamOptions = {}) {
    super();
    this.sum = options.md5 === false ? undefined : new Checksummer(options);
    this.parts = options.partSize ? new PartMd5s(options.partSize) : undefined;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.options.onChunk?.(chunk);
    this.sum?.update(chunk);
    this.parts?.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.sum?.finish();
    this.parts?.finish();
    const { beforeEnd } = this.options;
    if (!beforeEnd) return callback();
    Promise.resolve()
      .then(() => beforeEnd(this))
      .then(() => callback(), callback);
  }

  /** MD5 (CRC32C) of everything seen; available once the input ended (undefined with `md5: false`). */
  get digests(): Digests | undefined {
    return this.sum?.digests;
  }

  /** Hex MD5 of everything seen; call after the stream finished. */
  md5Hex(): string {
    if (!this.sum) throw new Error('this stream was made without MD5');
    return this.sum.digests.md5;
  }

  /** The per-part MD5s (with `partSize`); available once the input ended. */
  get partMd5s(): string[] {
    return this.parts?.partMd5s ?? [];
  }
}

export function md5Hex(data: Uint8Array): string {
  return createHash('md5').update(data).digest('hex');
}
