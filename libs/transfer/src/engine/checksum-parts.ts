/**
 * The part layout behind a multipart ETag ("<md5 of part md5s>-N"): lets a single-stream copy be
 * checked against it (ChecksumStream's per-part MD5s) as well as against a plain MD5.
 */
import { multipartEtagParts } from './checksum.js';

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
