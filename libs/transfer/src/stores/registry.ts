/**
 * openStore: a URI as users write it → the backend for it and the key inside it. Backends are
 * imported lazily, so a caller that only uses local files never loads a cloud SDK.
 */
import { stat } from 'node:fs/promises';
import type { ObjectStore, OpenedStore, StoreOptions } from './types.js';
import { parseStoreUri, type ParsedStoreUri, type StoreScheme } from './uri.js';

type StoreLoader = (parsed: ParsedStoreUri, options: StoreOptions) => Promise<ObjectStore>;

const loaders: Record<StoreScheme, StoreLoader> = {
  file: async (_parsed, options) => {
    const { LocalStore } = await import('./local/local-store.js');
    return new LocalStore('/', options.local);
  },
  s3: async (parsed, options) => {
    const { S3Store } = await import('./s3/s3-store.js');
    return new S3Store(parsed.bucket, options.s3);
  },
  gs: async (parsed, options) => {
    const { GcsStore } = await import('./gcs/gcs-store.js');
    return new GcsStore(parsed.bucket, options.gcs);
  },
};

/**
 * Opens the store for `uri`. For s3:// and gs:// the store is the bucket; for file:// and plain
 * paths it is the filesystem root and an existing directory gets a trailing '/' (a prefix).
 * Unknown scheme or malformed URI → UsageError. Nothing is contacted until the first call.
 */
export async function openStore(uri: string, options: StoreOptions = {}): Promise<OpenedStore> {
  const parsed = parseStoreUri(uri);
  const store = await loaders[parsed.scheme](parsed, options);
  let key = parsed.key;
  if (parsed.scheme === 'file' && key !== '' && !key.endsWith('/')) {
    const info = await stat(`/${key}`).catch(() => undefined);
    if (info?.isDirectory()) key = `${key}/`;
  }
  return { store, key };
}
