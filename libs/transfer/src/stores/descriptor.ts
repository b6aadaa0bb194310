/**
 * What a backend tells the registry about itself: the URI scheme it serves, how to make its store
 * for a parsed URI, and the schema of its options (checked before the store is made). Each backend
 * has one, in its own folder; `backends.ts` lists them.
 */
import type { ZodType } from 'zod';
import type { ObjectStore, StoreOptions } from './types.js';
import type { ParsedStoreUri, StoreScheme } from './uri.js';

export interface StoreDescriptor<Key extends keyof StoreOptions = keyof StoreOptions> {
  scheme: StoreScheme;
  /** Where its options sit in StoreOptions (`{ s3: {...} }`). */
  optionsKey: Key;
  /** Checks the options when they are given; loaded then only (zod is large for a command's start). */
  optionsSchema(): Promise<ZodType>;
  /** The store; the backend's module (and its SDK) is imported here, on first use. */
  create(parsed: ParsedStoreUri, options: StoreOptions[Key]): Promise<ObjectStore>;
}
