/**
 * Every backend `openStore` and `parseStoreUri` know, by its descriptor: a new backend is its own
 * folder and one line here. The order is the order usage messages name the schemes in.
 */
import type { StoreDescriptor } from './descriptor.js';
import { gcsDescriptor } from './gcs/descriptor.js';
import { localDescriptor } from './local/descriptor.js';
import { s3Descriptor } from './s3/descriptor.js';

export const BACKENDS: readonly StoreDescriptor[] = [
  s3Descriptor,
  gcsDescriptor,
  localDescriptor,
] as unknown as readonly StoreDescriptor[];
