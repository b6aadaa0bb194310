/**
 * What a backend tells the registry about itself: the URI scheme it serves and how its URIs read,
 * how to make its store for a parsed URI, and the schema of its options (checked before the store
 * is made). Each backend has one, in its own folder; `backends.ts` lists them, and `uri.ts` and
 * `openStore` know the backends only from that list.
 */
import type { ZodType } from 'zod';
import type { ObjectStore, StoreOptions } from './types.js';
import type { UriForm } from './uri-forms.js';
import type { ParsedStoreUri, StoreScheme } from './uri.js';

export interface StoreDescriptor<Key extends keyof StoreOptions = keyof StoreOptions> {
  scheme: StoreScheme;
  /** How its URIs read and are written (`bucketUris`, `fileUris` or its own). */
  uri: UriForm;
  /** Names users write by mistake for the scheme (`gcs:b/x` is answered 'write gs://b/x'). */
  alsoWrittenAs?: readonly string[];
  /** Where its options sit in StoreOptions (`{ s3: {...} }`). */
  optionsKey: Key;
  /** Checks the options when they are given; loaded then only (zod is large for a command's start). */
  optionsSchema(): Promise<ZodType>;
  /** The store; the backend's module (and its SDK) is imported here, on first use. */
  create(parsed: ParsedStoreUri, options: StoreOptions[Key]): Promise<ObjectStore>;
}
