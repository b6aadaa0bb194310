/**
 * Per-part MD5s of one sequential stream: lets a single-stream copy be checked against a
 * multipart ETag ("<md5 of part md5s>-N") as well as against a plain MD5.
 */
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { multipartEtagParts } from './checksum.js';

/** Per-part MD5s of bytes seen in order, as an accumulator a stream stage can share. */
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

export class PartMd5Stream extends Transform {
  private readonly parts: PartMd5s;

  constructor(partSize: number) {
    super();
    this.parts = new PartMd5s(partSize);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.parts.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.parts.finish();
    callback();
  }

  get partMd5s(): string[] {
    return this.parts.partMd5s;
  }
}

/** The part size an uploader most likely used for a multipart ETag with `parts` parts (whole MiB). */
export function inferPartSize(size: number, parts: number): number | undefined {
  const mib = 1024 * 1024;
  if (parts < 1 || size === 0) return undefined;
  const exact = Math.ceil(size / parts);
  for (const candidate of [Math.ceil(exact / mib) * mib, exact]) {
    if (Math.ceil(size / candidate) === parts) return candidate;
  }
  return undefined;
}

/** The part layout behind an object's multipart ETag: as the store said, else inferred. */
export function sourcePartSize(info: {
  size: number;
  etag?: string | undefined;
  partSize?: number | undefined;
}): number | undefined {
  const parts = multipartEtagParts(info.etag);
  if (parts === undefined) return undefined;
  return info.partSize ?? inferPartSize(info.size, parts);
}

/**
 * Whether more than one whole-MiB part size gives `parts` parts for `size` bytes: then the ETag
 * alone cannot tell the layout (a 2-part object of 8 MiB parts with a 1 MiB tail reads as 5 MiB
 * parts), and the store is asked (ObjectStore.partSize).
 */
export function partSizeAmbiguous(size: number, parts: number): boolean {
  const inferred = inferPartSize(size, parts);
  const mib = 1024 * 1024;
  return (
    parts > 1 &&
    inferred !== undefined &&
    inferred % mib === 0 &&
    Math.ceil(size / (inferred + mib)) === parts
  );
}
