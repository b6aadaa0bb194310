import { randomBytes } from 'node:crypto';
import { dirname, join, sep } from 'node:path';
import { BadRequestError } from '../errors.js';

/** Names this backend uses for its own temporary files and staging dirs; hidden from listings. */
export const RESERVED_PREFIX = '.strata-';

// One random part per process and a counter: unique beside any target, no entropy per file.
const TEMP_PREFIX = `${RESERVED_PREFIX}tmp-${randomBytes(6).toString('hex')}-`;
let tempCount = 0;

/** A fresh temporary path in `target`'s own directory, so the final rename is atomic. */
export function tempPathBeside(target: string): string {
  tempCount += 1;
  return join(dirname(target), `${TEMP_PREFIX}${tempCount}`);
}

/**
 * Key → absolute path under `root`, refusing anything that could escape it or collide with our
 * temporaries: '..' and '.' segments, empty segments, a leading '/', NUL, reserved names.
 */
export function keyToPath(root: string, key: string): string {
  if (key === '') throw new BadRequestError('empty key: a local object needs a file name');
  if (key.includes('\0')) throw new BadRequestError(`key '${key}' contains a NUL byte`);
  const segments = key.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new BadRequestError(
        `key '${key}' has an empty, '.' or '..' segment: refused (it could escape ${root})`,
      );
    }
    if (segment.startsWith(RESERVED_PREFIX)) {
      throw new BadRequestError(`key '${key}' uses the reserved name prefix '${RESERVED_PREFIX}'`);
    }
  }
  const path = join(root, ...segments);
  const rootWithSep = root.endsWith(sep) ? root : root + sep;
  if (!path.startsWith(rootWithSep))
    throw new BadRequestError(`key '${key}' resolves outside ${root}: refused`);
  return path;
}

/** The directory part of a key prefix ('a/b/c' → 'a/b/', 'abc' → ''), with its trailing '/'. */
export function prefixDirectory(prefix: string): string {
  const slash = prefix.lastIndexOf('/');
  return slash === -1 ? '' : prefix.slice(0, slash + 1);
}

/** Keys sort by UTF-8 bytes, as S3 and GCS list them. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
