/** Every backend `openStore` knows, by its descriptor: a new backend is one line here. */
import type { StoreDescriptor } from './descriptor.js';
import { gcsDescriptor } from './gcs/descriptor.js';
import { localDescriptor } from './local/descriptor.js';
import { s3Descriptor } from './s3/descriptor.js';

export const BACKENDS: readonly StoreDescriptor[] = [
  localDescriptor,
  s3Descriptor,
  gcsDescriptor,
] as unknown as readonly StoreDescriptor[];
