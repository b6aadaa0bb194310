import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '@strata/cli';

export type StoreScheme = 's3' | 'gs' | 'file';

/** A URI as users write it, split into where the store is and which key inside it. */
export interface ParsedStoreUri {
  scheme: StoreScheme;
  /** Bucket name for s3/gs; '' for file (the local store is rooted at the filesystem root). */
  bucket: string;
  /** Key inside the bucket ('' = everything); for file, the absolute path without its leading '/'. */
  key: string;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//;
const SUPPORTED = 's3://bucket/key, gs://bucket/key, file:///abs/path or a plain path';

/**
 * Pure parse of `s3://bucket/key`, `gs://bucket/key`, `file:///abs/path` and plain paths
 * (resolved against `cwd`). A trailing '/' survives in the key: it marks a prefix.
 */
export function parseStoreUri(uri: string, cwd: string = process.cwd()): ParsedStoreUri {
  if (uri.trim() === '') throw new UsageError(`empty location: use ${SUPPORTED}`);
  const match = SCHEME.exec(uri);
  if (!match) {
    assertNotMistypedUri(uri);
    return localKey(resolve(cwd, uri), uri.endsWith('/'));
  }
  const scheme = (match[1] ?? '').toLowerCase();
  const rest = uri.slice(match[0].length);
  if (scheme === 's3' || scheme === 'gs') {
    const slash = rest.indexOf('/');
    const bucket = slash === -1 ? rest : rest.slice(0, slash);
    const key = slash === -1 ? '' : rest.slice(slash + 1);
    if (bucket === '') throw new UsageError(`no bucket in '${uri}': write ${scheme}://BUCKET/key`);
    if (!/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(bucket)) {
      throw new UsageError(
        `invalid bucket name '${bucket}' in '${uri}': use 3-63 lowercase letters, digits, '.', '-' or '_'`,
      );
    }
    return { scheme, bucket, key };
  }
  if (scheme === 'file') {
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch (error) {
      throw new UsageError(`invalid file URI '${uri}': write file:///absolute/path`, {
        cause: error,
      });
    }
    return localKey(path, uri.endsWith('/'));
  }
  throw new UsageError(`unknown scheme '${scheme}://' in '${uri}': use ${SUPPORTED}`);
}

/** Schemes a user means when a path starts with them and a colon (`s3:/b/k`, `gs:b/k`). */
const URI_LIKE = /^(s3|gs|gcs|file|https?):(?!\/\/)/i;

/**
 * `s3:/bucket/x` or `gs:bucket/x` is a mistyped URI, not a local file named `s3:`: writing it
 * locally would "succeed" where the user meant a bucket. A file whose name really starts so is
 * written `./s3:...`.
 */
function assertNotMistypedUri(uri: string): void {
  const typo = URI_LIKE.exec(uri);
  if (!typo) return;
  const scheme = (typo[1] ?? '').toLowerCase();
  const meant = scheme === 'gcs' ? 'gs' : scheme;
  const rest = uri.slice(typo[0].length).replace(/^\/+/, '');
  throw new UsageError(
    `'${uri}' looks like a mistyped URI: write ${meant}://${meant === 'file' ? '/' : ''}${rest}` +
      ` (or ./${uri} for a local file of that name)`,
  );
}

function localKey(absolutePath: string, trailingSlash: boolean): ParsedStoreUri {
  const key = absolutePath.replace(/^\/+/, '');
  return {
    scheme: 'file',
    bucket: '',
    key: trailingSlash && key !== '' && !key.endsWith('/') ? `${key}/` : key,
  };
}

/** The URI of a key in a parsed store, as a user would write it. */
export function formatStoreUri(scheme: StoreScheme, bucket: string, key: string): string {
  return scheme === 'file' ? `file:///${key}` : `${scheme}://${bucket}/${key}`;
}
