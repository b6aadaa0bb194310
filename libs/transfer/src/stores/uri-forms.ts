/**
 * The shapes a store URI takes, for backends to name in their descriptor (`uri`): most object
 * stores are `scheme://bucket/key`; the local filesystem is `file:///abs/path` and plain paths.
 * A backend with a shape of its own writes its own `UriForm` in its folder.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '@strata/cli';

/** Where a URI points: the store (bucket) and the key inside it. */
export interface StoreLocation {
  /** Bucket name for bucket forms; '' for file (the local store is rooted at the filesystem root). */
  bucket: string;
  /** Key inside the bucket ('' = everything); for file, the absolute path without its leading '/'. */
  key: string;
}

export interface UriForm {
  /** `uri` is `scheme://rest`; a malformed one is a UsageError saying how to write it. */
  parse(uri: string, scheme: string, rest: string): StoreLocation;
  /** A plain path (no `scheme://`), resolved against `cwd`: only the form that serves them has it. */
  parsePath?(path: string, cwd: string): StoreLocation;
  /** What every URI of `scheme` starts with (`s3://`, `file:///`). */
  prefix(scheme: string): string;
  /** What follows the prefix in usage messages (`bucket/key`). */
  placeholder: string;
  /** The URI of `key` in `bucket`, as a user writes it. */
  format(scheme: string, bucket: string, key: string): string;
}

/** `scheme://bucket/key`, with S3's and GCS's bucket-name rule. */
export const bucketUris: UriForm = {
  parse(uri, scheme, rest) {
    const slash = rest.indexOf('/');
    const bucket = slash === -1 ? rest : rest.slice(0, slash);
    const key = slash === -1 ? '' : rest.slice(slash + 1);
    if (bucket === '') throw new UsageError(`no bucket in '${uri}': write ${scheme}://BUCKET/key`);
    if (!/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(bucket)) {
      throw new UsageError(
        `invalid bucket name '${bucket}' in '${uri}': use 3-63 lowercase letters, digits, '.', '-' or '_'`,
      );
    }
    return { bucket, key };
  },
  prefix: (scheme) => `${scheme}://`,
  placeholder: 'bucket/key',
  format: (scheme, bucket, key) => `${scheme}://${bucket}/${key}`,
};

function localLocation(absolutePath: string, trailingSlash: boolean): StoreLocation {
  const key = absolutePath.replace(/^\/+/, '');
  return { bucket: '', key: trailingSlash && key !== '' && !key.endsWith('/') ? `${key}/` : key };
}

/** `file:///abs/path` and plain paths: the local filesystem, rooted at '/'. */
export const fileUris: UriForm = {
  parse(uri) {
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch (error) {
      throw new UsageError(`invalid file URI '${uri}': write file:///absolute/path`, {
        cause: error,
      });
    }
    return localLocation(path, uri.endsWith('/'));
  },
  parsePath: (path, cwd) => localLocation(resolve(cwd, path), path.endsWith('/')),
  prefix: (scheme) => `${scheme}:///`,
  placeholder: 'abs/path',
  format: (scheme, _bucket, key) => `${scheme}:///${key}`,
};
