/**
 * ETag arithmetic and the checksum stream. MD5 is what S3 reports (single-part ETag, per-part
 * ETag); CRC32C is what GCS reports, so it is computed only when a store will report it. The
 * stream and its accumulators live with the stores (stores/hashing.ts), which hash what they write.
 */
import { createHash } from 'node:crypto';
import type { Crc32cClass } from '../stores/hashing.js';

export {
  Checksummer,
  ChecksumStream,
  PartMd5s,
  type Digests,
  type ChecksumStreamOptions,
} from '../stores/hashing.js';

/**
 * The hardware CRC32C (stores/crc32c.ts), loaded only when a store reports CRC32C. It was the GCS
 * SDK's JavaScript CRC32C (~17 MB/s here, and it loaded the whole SDK); same digest, base64.
 */
let crc32cClass: Crc32cClass | undefined;
export async function loadCrc32c(): Promise<Crc32cClass> {
  crc32cClass ??= (await import('../stores/crc32c.js')).Crc32c;
  return crc32cClass;
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
