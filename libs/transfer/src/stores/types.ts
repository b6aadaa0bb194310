/**
 * The object-store contract every backend implements (rclone-style: a small required interface
 * plus declared optional features). Keys are relative to the store's root (`uri`), use `/` as
 * the separator and never start with `/`. The transfer engine and every other lib reads
 * `features`, never the backend's class.
 */
import type { FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';

export interface ObjectInfo {
  key: string;
  size: number;
  /** Backend's opaque version tag (S3 ETag without quotes, GCS generation). */
  etag?: string;
  lastModified?: Date;
  /** Hex MD5 of the whole object, when the backend knows it (not for S3 multipart or GCS composite objects). */
  md5?: string;
  /** Base64 big-endian CRC32C, GCS style. */
  crc32c?: string;
  /**
   * For an object uploaded in parts (multipart ETag): the size of every part but the last, when
   * the store said so (ObjectStore.partSize); else it is inferred from the ETag's part count.
   */
  partSize?: number;
}

export type ChecksumKind = 'md5' | 'crc32c' | 'none';

export interface StoreFeatures {
  /** createMultipart/uploadPart/completeMultipart/abortMultipart work (natively or emulated). */
  multipart: boolean;
  /** `copy` is implemented and stays inside the service (no bytes through this process). */
  serverSideCopy: boolean;
  rangeRead: true;
  maxParts: number;
  /** Minimum size of every part except the last. */
  minPartSize: number;
  maxPartSize: number;
  /** The checksum `head`/`write`/`completeMultipart` report for the whole object. */
  checksum: ChecksumKind;
  /** Parts of one object this store takes at once, when fewer than the engine would send. */
  maxPartsInFlight?: number;
  /**
   * How a completed multipart object vouches for its bytes. 'md5-of-parts' (S3): each part's
   * ETag is its MD5 and the object's is the MD5 of those, so the parts' MD5s, checked as each
   * part lands, check the whole object and no whole-object pass is needed (a server that reports
   * a whole-object MD5 instead, as s3rver does, has the object checked by its size and its parts).
   * 'whole': the object reports a whole-object `checksum`, compared with the source's (hashed
   * alongside the parts).
   */
  multipartProof: 'md5-of-parts' | 'whole';
  /**
   * Parts are tagged by a checksum this store computes, in this process, from the bytes it wrote
   * (the local store's CRC32C): the engine need not hash them on the way.
   */
  partsTaggedInProcess?: boolean;
}

export interface ListPage {
  objects: ObjectInfo[];
  /** Common prefixes when a delimiter is given (each ends with the delimiter). */
  prefixes: string[];
  /** Opaque; absent on the last page. */
  nextPageToken?: string;
}

export interface ListPageOptions {
  pageToken?: string;
  /** Upper bound on objects + prefixes in one page (backends may return fewer). */
  pageSize?: number;
  delimiter?: string;
}

/** Inclusive byte range, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface WriteOptions {
  /** Exact size when known: lets a backend pick a single request over multipart. */
  size?: number;
  contentType?: string;
}

export interface MultipartOptions {
  /** Size of every part but the last (the local store lays the parts out by it). */
  partSize?: number;
  /**
   * false: the caller checks every part itself (against a source's multipart ETag), so a store
   * that would hash the whole assembled object for `completeMultipart` to report (the local
   * store, an MD5 pass in a worker) need not. Default true.
   */
  wholeChecksum?: boolean;
}

export interface CompletedPart {
  partNumber: number;
  etag: string;
}

/**
 * Capability slot of a store whose keys are files on this machine (the local store): the engine's
 * local fast paths (copy_file_range between files, whole small files through memory) use it.
 */
export interface LocalFiles {
  /** fsync each file before its rename into place. */
  readonly fsync: boolean;
  /** The file that holds `key`. */
  pathOf(key: string): string;
  /** Reads `into.length` bytes at `position` (fewer only at the file's end). */
  readFully(handle: FileHandle, into: Buffer, position: number): Promise<number>;
  /** readFully with direct system calls, for small files. */
  readFullySync(fd: number, into: Buffer, position: number): number;
  /** The version tag (ObjectInfo.etag) a file with these stats is listed with. */
  versionOf(stats: { mtimeMs: number; size: number }): string;
  /** The store's error for a failed file-system call (NoSpaceError, AuthError, ...). */
  classifyError(error: unknown, what: string): unknown;
  /** A fresh hidden temporary path beside `path`, so the final rename stays in one directory. */
  tempPathBeside(path: string): string;
  /** Renames a finished temporary file into place, as durably as the store writes (`fsync`). */
  renameIntoPlace(temp: string, target: string): Promise<void>;
  /** renameIntoPlace with direct system calls. */
  renameIntoPlaceSync(temp: string, target: string): void;
  /** Writes the chunks as the file `path`, atomically and as durably as the store writes. */
  writeFileAtomic(path: string, chunks: readonly Buffer[]): Promise<void>;
  /** Creates parent directories once per caller (one mkdir per directory, not per file). */
  parentDirectories(): { ensure(path: string): Promise<void> };
}

/**
 * Capability slot of a store that takes an object in parts (S3 multipart upload, GCS compose, the
 * local store's staging folder): present exactly when `features.multipart`.
 */
export interface MultipartUploads {
  /** `opts.partSize`: the size of every part but the last, when known; a hint stores may ignore. */
  createMultipart(key: string, opts?: MultipartOptions): Promise<string>;
  /** partNumber is 1-based; parts may be uploaded in any order and concurrently. */
  uploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: Readable | Uint8Array,
    size: number,
  ): Promise<CompletedPart>;
  /** Assembles the listed parts in partNumber order; the object appears atomically. */
  completeMultipart(key: string, uploadId: string, parts: CompletedPart[]): Promise<ObjectInfo>;
  abortMultipart(key: string, uploadId: string): Promise<void>;
  /**
   * Whether the service still knows this multipart upload (S3: ListParts), so a resume record
   * of an upload aborted or expired on the server is dropped instead of resumed into failure.
   * undefined: the server cannot tell (plain s3rver has no ListParts). Optional.
   */
  uploadExists?(key: string, uploadId: string): Promise<boolean | undefined>;
}

export interface ObjectStore {
  /** Root of the store, e.g. `s3://bucket/`, `gs://bucket/`, `file:///`. */
  readonly uri: string;
  readonly features: StoreFeatures;
  /**
   * Capability slots (as rclone's optional features): each is present when the store has the
   * capability, and the engine checks the slot, never the store's class or its URI's scheme.
   * `localFiles`: keys are local files.
   */
  readonly localFiles?: LocalFiles;
  /**
   * A whole small object as the chunks that arrived, without a stream stage (S3); reading stops
   * past `limit` bytes (the object is not the one listed).
   */
  readChunks?(key: string, limit: number): Promise<{ chunks: Buffer[]; bytes: number }>;
  /** One request writing a whole object held in memory, checked by its MD5 (binary) (S3). */
  putBuffer?(key: string, data: Uint8Array, md5: Buffer, contentType?: string): Promise<ObjectInfo>;
  listPage(prefix: string, opts?: ListPageOptions): Promise<ListPage>;
  /** Every object under `prefix` (all pages, recursive), in key order. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /** Metadata of one object, or null when it does not exist. */
  head(key: string): Promise<ObjectInfo | null>;
  /** The object's bytes (or an inclusive range of them) as a node stream. NotFoundError when missing. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** Atomic: readers see the old object or the whole new one, never a part; a body that errors leaves nothing. */
  write(key: string, body: Readable, opts?: WriteOptions): Promise<ObjectInfo>;
  /** The multipart slot: present exactly when `features.multipart` (objects uploaded in parts). */
  readonly multipart?: MultipartUploads;
  /** Idempotent: deleting a missing key succeeds. */
  delete(key: string): Promise<void>;
  /**
   * The size of every part but the last of an object uploaded in parts, when the store can tell
   * (S3: HEAD with partNumber=1); undefined when it cannot. Optional: the engine otherwise infers
   * it from the multipart ETag's part count, which is ambiguous when the last part is small.
   */
  partSize?(key: string): Promise<number | undefined>;
  /**
   * How a person writes where `key` is, for messages and summaries (the local store: the file's
   * absolute path, with its leading '/'). Optional: otherwise `uri + key`.
   */
  locate?(key: string): string;
  /**
   * The key with links resolved, where keys can be links (the local store: symbolic links), so
   * the engine sees that a destination lies inside its source through one. Optional: keys are
   * then compared as they are.
   */
  resolveKey?(key: string): Promise<string>;
  /** Server-side copy inside this store; present only when features.serverSideCopy. */
  copy?(srcKey: string, dstKey: string): Promise<ObjectInfo>;
  close?(): Promise<void>;
}

export interface S3StoreOptions {
  /** Custom endpoint (S3-compatible services, s3rver). Default: AWS_ENDPOINT_URL, else AWS. */
  endpoint?: string;
  /** Default: AWS_REGION / AWS_DEFAULT_REGION, else us-east-1. */
  region?: string;
  /** Path-style addressing (`endpoint/bucket/key`). Default: true when a custom endpoint is set. */
  forcePathStyle?: boolean;
  /** Explicit credentials; default is the standard AWS provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** SDK-level attempts per request. Default 1: the transfer engine owns retries (engine/retry.ts). */
  maxAttempts?: number;
}

export interface GcsStoreOptions {
  /** e.g. http://127.0.0.1:4443 for the test server. Default: STORAGE_EMULATOR_HOST, else Google. */
  apiEndpoint?: string;
  projectId?: string;
  /** Service-account key file; default is application-default credentials. */
  keyFilename?: string;
  /** Writes larger than this use a resumable upload (default 8 MiB). */
  resumableThreshold?: number;
  /** SDK-level automatic retries. Default false: the transfer engine owns retries. */
  autoRetry?: boolean;
}

export interface LocalStoreOptions {
  /** fsync each object before it is renamed into place (slower; survives power loss). */
  fsync?: boolean;
}

export interface StoreOptions {
  s3?: S3StoreOptions;
  gcs?: GcsStoreOptions;
  local?: LocalStoreOptions;
}

/** What `openStore` returns: the store for the URI's bucket (or filesystem) and the key inside it. */
export interface OpenedStore {
  store: ObjectStore;
  /** May be '' (the whole bucket) or end with '/' (a prefix). */
  key: string;
}
