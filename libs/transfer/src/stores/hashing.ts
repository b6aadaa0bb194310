import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** A pass-through stream that hashes (MD5) and counts what flows through it. */
export class MeasuringStream extends Transform {
  private readonly md5: Hash = createHash('md5');
  private digest: string | undefined;
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.md5.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  /** Hex MD5 of everything seen; call after the stream finished. */
  md5Hex(): string {
    this.digest ??= this.md5.digest('hex');
    return this.digest;
  }
}

export function md5Hex(data: Uint8Array): string {
  return createHash('md5').update(data).digest('hex');
}
