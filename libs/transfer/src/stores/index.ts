export type {
  ObjectInfo,
  ChecksumKind,
  StoreFeatures,
  ListPage,
  ListPageOptions,
  ByteRange,
  WriteOptions,
  CompletedPart,
  ObjectStore,
  S3StoreOptions,
  GcsStoreOptions,
  StoreOptions,
  LocalStoreOptions,
  OpenedStore,
} from './types.js';
export {
  StoreError,
  NotFoundError,
  ThrottledError,
  TransientError,
  AuthError,
  BadRequestError,
  NoSpaceError,
  IntegrityError,
  isStoreError,
  type StoreErrorKind,
} from './errors.js';
export { parseStoreUri, formatStoreUri, type ParsedStoreUri, type StoreScheme } from './uri.js';
export { openStore } from './registry.js';
export { LocalStore } from './local/local-store.js';
export { Crc32c, crc32cBase64 } from './crc32c.js';
