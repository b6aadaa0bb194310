/**
 * Google Cloud Storage through @google-cloud/storage: application-default credentials unless a
 * key file is given, `apiEndpoint` for other endpoints (a custom endpoint sends no credentials,
 * which is how the test server is reached). Small writes are one request; larger ones a resumable
 * upload sent in chunks, so a failing source never finalizes an object. CRC32C is checked on
 * every write and on whole-object reads. Multipart is emulated: parts are temporary objects that
 * completion composes (≤ 32 per compose, in a tree for more) and then deletes.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type Bucket,
  type File,
  type FileMetadata,
  Storage,
  type StorageOptions,
} from '@google-cloud/storage';
import { fixedSizeChunks } from '../chunks.js';
import { classifiedStream } from '../classified-stream.js';
import { Crc32c } from '../crc32c.js';
import { assertPartNumber, BadRequestError, IntegrityError, NotFoundError } from '../errors.js';
import type {
  ByteRange,
  CompletedPart,
  GcsStoreOptions,
  ListPage,
  ListPageOptions,
  MultipartUploads,
  ObjectInfo,
  ObjectStore,
  StoreFeatures,
  WriteOptions,
} from '../types.js';
import { classifyGcsError, missingGcsBucket } from './gcs-errors.js';
import { listAllPages } from '../page-token.js';

const MiB = 1024 * 1024;
/** Resumable chunks must be multiples of 256 KiB. */
const RESUMABLE_CHUNK = 8 * MiB;
const MAX_COMPOSE = 32;
/** Where emulated multipart uploads keep their parts; hidden from listings. */
export const MULTIPART_PREFIX = '.strata-mpu/';
const UPLOAD_ID = /^[0-9a-f]{32}$/;

export class GcsStore implements ObjectStore {
  readonly uri: string;
  readonly features: StoreFeatures = {
    multipart: true,
    serverSideCopy: true,
    rangeRead: true,
    maxParts: 10_000,
    minPartSize: 1,
    maxPartSize: 5 * 1024 * MiB,
    checksum: 'crc32c',
    multipartProof: 'whole',
  };
  /** The multipart slot: this store takes objects in parts. */
  readonly multipart: MultipartUploads = this;
  private readonly bucketRef: Bucket;
  private readonly resumableThreshold: number;
  private bucketChecked: Promise<void> | undefined;
  /** Only for Google's own endpoint: custom endpoints (the test server) take no credentials. */
  private readonly auth: { getClient(): Promise<unknown> } | undefined;
  private credentialsChecked: Promise<void> | undefined;

  constructor(
    readonly bucket: string,
    options: GcsStoreOptions = {},
  ) {
    this.uri = `gs://${bucket}/`;
    const config: StorageOptions = {
      retryOptions: { autoRetry: options.autoRetry ?? false },
      crc32cGenerator: () => new Crc32c(),
    };
    const endpoint = options.apiEndpoint ?? emulatorEndpoint(process.env['STORAGE_EMULATOR_HOST']);
    if (endpoint !== undefined) config.apiEndpoint = endpoint;
    if (options.projectId !== undefined) config.projectId = options.projectId;
    if (options.keyFilename !== undefined) config.keyFilename = options.keyFilename;
    const storage = withoutEmulatorVariable(() => new Storage(config));
    this.bucketRef = storage.bucket(bucket);
    if (endpoint === undefined) this.auth = storage.authClient;
    this.resumableThreshold = Math.max(
      RESUMABLE_CHUNK,
      options.resumableThreshold ?? RESUMABLE_CHUNK,
    );
  }

  async listPage(prefix: string, opts: ListPageOptions = {}): Promise<ListPage> {
    const [files, nextQuery, response] = await this.call(`list gs://${this.bucket}/${prefix}`, () =>
      this.bucketRef.getFiles({
        prefix,
        autoPaginate: false,
        ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
        ...(opts.pageSize !== undefined ? { maxResults: opts.pageSize } : {}),
        ...(opts.pageToken !== undefined ? { pageToken: opts.pageToken } : {}),
      }),
    );
    const page: ListPage = {
      objects: files
        .filter((f) => !f.name.startsWith(MULTIPART_PREFIX))
        .map((f) => toInfo(f.name, f.metadata)),
      prefixes: ((response as { prefixes?: string[] } | undefined)?.prefixes ?? []).filter(
        (p) => !p.startsWith(MULTIPART_PREFIX),
      ),
    };
    const token = (nextQuery as { pageToken?: string } | null | undefined)?.pageToken;
    if (token) page.nextPageToken = token;
    return page;
  }

  list(prefix: string): AsyncIterable<ObjectInfo> {
    return listAllPages(this, prefix);
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const [metadata] = await this.call(`head ${this.describe(key)}`, () =>
        this.bucketRef.file(key).getMetadata(),
      );
      return toInfo(key, metadata);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    if (range && (range.start < 0 || range.end < range.start)) {
      throw new BadRequestError(
        `read ${this.describe(key)}: invalid range ${range.start}-${range.end}`,
      );
    }
    const what = `read ${this.describe(key)}`;
    await this.checkCredentials();
    const source = this.bucketRef
      .file(key)
      .createReadStream(
        range
          ? { start: range.start, end: range.end, validation: false }
          : { validation: 'crc32c' },
      );
    // The SDK reports a missing object only once the response arrives: wait for it, so a
    // missing key rejects here instead of failing the stream later.
    const started = new Promise<void>((resolve, reject) => {
      source.once('response', (response: { statusCode?: number }) => {
        if ((response.statusCode ?? 200) < 400) resolve();
      });
      source.once('error', reject);
    });
    const output = classifiedStream(source, (error) => classifyGcsError(error, this.bucket, what));
    // Until the response is known, a failure reaches the caller as this call's rejection.
    const untilStarted = (): undefined => undefined;
    output.on('error', untilStarted);
    try {
      await started;
      output.off('error', untilStarted);
    } catch (error) {
      output.destroy();
      throw await this.explainNotFound(classifyGcsError(error, this.bucket, what));
    }
    return output;
  }

  async write(key: string, body: Readable, opts: WriteOptions = {}): Promise<ObjectInfo> {
    const what = `write ${this.describe(key)}`;
    const chunks = fixedSizeChunks(body, this.resumableThreshold)[Symbol.asyncIterator]();
    const first = (await chunks.next()).value ?? Buffer.alloc(0);
    const second = first.length === this.resumableThreshold ? await chunks.next() : undefined;
    const file = this.bucketRef.file(key);
    const metadata = opts.contentType ? { contentType: opts.contentType } : {};
    let size = first.length;
    if (second === undefined || second.done || second.value.length === 0) {
      this.checkSize(what, size, opts.size);
      await this.call(what, () =>
        file.save(first, { resumable: false, validation: 'crc32c', metadata }),
      );
    } else {
      // Chunks are buffered before they are sent, and the object is finalized only by the last one.
      const rest = second.value;
      const counted = Readable.from(
        (async function* () {
          yield first;
          yield rest;
          size += rest.length;
          for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
            size += next.value.length;
            yield next.value;
          }
        })(),
      );
      const sink = file.createWriteStream({
        resumable: true,
        chunkSize: RESUMABLE_CHUNK,
        validation: 'crc32c',
        metadata,
      });
      await this.call(what, () => pipeline(counted, sink));
      this.checkSize(what, size, opts.size);
    }
    const info = toInfo(key, file.metadata);
    return info.size === size ? info : ((await this.head(key)) ?? info);
  }

  async createMultipart(key: string): Promise<string> {
    const uploadId = randomBytes(16).toString('hex');
    await this.call(`create multipart ${this.describe(key)}`, () =>
      this.bucketRef.file(`${MULTIPART_PREFIX}${uploadId}/upload`).save(key, { resumable: false }),
    );
    return uploadId;
  }

  async uploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: Readable | Uint8Array,
    size: number,
  ): Promise<CompletedPart> {
    const what = `upload part ${partNumber} of ${this.describe(key)}`;
    assertPartNumber(partNumber, this.features.maxParts, what);
    await this.requireUpload(key, uploadId);
    const data = body instanceof Uint8Array ? Readable.from([Buffer.from(body)]) : body;
    const info = await this.write(this.partKey(uploadId, partNumber), data, { size });
    // The generation names this exact upload of the part; compose checks it.
    return { partNumber, etag: info.etag ?? '' };
  }

  async completeMultipart(
    key: string,
    uploadId: string,
    parts: CompletedPart[],
  ): Promise<ObjectInfo> {
    const what = `complete multipart ${this.describe(key)}`;
    await this.requireUpload(key, uploadId);
    if (parts.length === 0) throw new BadRequestError(`${what}: no parts given`);
    const ordered = [...parts].sort((a, b) => a.partNumber - b.partNumber);
    let sources = ordered.map((part) =>
      this.generationFile(this.partKey(uploadId, part.partNumber), part.etag),
    );
    for (let level = 0; sources.length > MAX_COMPOSE; level++) {
      const groups: File[][] = [];
      for (let i = 0; i < sources.length; i += MAX_COMPOSE)
        groups.push(sources.slice(i, i + MAX_COMPOSE));
      sources = await Promise.all(
        groups.map(async (group, index) => {
          const target = this.bucketRef.file(
            `${MULTIPART_PREFIX}${uploadId}/tree-${level}-${index}`,
          );
          const [composed, response] = await this.call(what, () =>
            this.bucketRef.combine(group, target),
          );
          return this.generationFile(composed.name, String(resourceOf(response).generation));
        }),
      );
    }
    const [, response] = await this.call(what, () =>
      this.bucketRef.combine(sources, this.bucketRef.file(key)),
    );
    await this.deleteUpload(uploadId);
    return toInfo(key, resourceOf(response));
  }

  async abortMultipart(key: string, uploadId: string): Promise<void> {
    if (!UPLOAD_ID.test(uploadId))
      throw new BadRequestError(`abort multipart ${this.describe(key)}: invalid upload id`);
    await this.deleteUpload(uploadId);
  }

  async delete(key: string): Promise<void> {
    await this.call(`delete ${this.describe(key)}`, () =>
      this.bucketRef.file(key).delete({ ignoreNotFound: true }),
    );
  }

  async copy(srcKey: string, dstKey: string): Promise<ObjectInfo> {
    const [, response] = await this.call(`copy ${this.describe(srcKey)} to ${dstKey}`, () =>
      this.bucketRef.file(srcKey).copy(this.bucketRef.file(dstKey)),
    );
    return toInfo(dstKey, resourceOf(response));
  }

  private describe(key: string): string {
    return `gs://${this.bucket}/${key}`;
  }

  private partKey(uploadId: string, partNumber: number): string {
    return `${MULTIPART_PREFIX}${uploadId}/part-${String(partNumber).padStart(5, '0')}`;
  }

  private generationFile(name: string, generation: string): File {
    const file = this.bucketRef.file(name);
    file.metadata = { ...file.metadata, generation };
    return file;
  }

  async uploadExists(key: string, uploadId: string): Promise<boolean> {
    return this.requireUpload(key, uploadId).then(
      () => true,
      (error: unknown) => {
        if (error instanceof NotFoundError) return false;
        throw error;
      },
    );
  }

  private async requireUpload(key: string, uploadId: string): Promise<void> {
    const missing = new NotFoundError(
      `multipart upload '${uploadId}' of ${this.describe(key)} does not exist`,
    );
    if (!UPLOAD_ID.test(uploadId)) throw missing;
    const marker = await this.head(`${MULTIPART_PREFIX}${uploadId}/upload`);
    if (!marker) throw missing;
  }

  private async deleteUpload(uploadId: string): Promise<void> {
    const prefix = `${MULTIPART_PREFIX}${uploadId}/`;
    const [files] = await this.call(`clean up upload ${uploadId}`, () =>
      this.bucketRef.getFiles({ prefix }),
    );
    await Promise.all(
      files.map((f) => this.call(`clean up ${f.name}`, () => f.delete({ ignoreNotFound: true }))),
    );
  }

  private checkSize(what: string, actual: number, expected: number | undefined): void {
    if (expected !== undefined && actual !== expected) {
      throw new IntegrityError(`${what}: received ${actual} bytes, expected ${expected}`);
    }
  }

  /**
   * Without credentials the SDK silently falls back to anonymous requests; say instead how to
   * provide them (checked once, before the first request).
   */
  private async checkCredentials(): Promise<void> {
    if (!this.auth) return;
    this.credentialsChecked ??= this.auth.getClient().then(
      () => undefined,
      (error: unknown) => {
        this.credentialsChecked = undefined;
        throw classifyGcsError(error, this.bucket, `authenticate for gs://${this.bucket}`);
      },
    );
    await this.credentialsChecked;
  }

  private async call<T>(what: string, operation: () => Promise<T>): Promise<T> {
    await this.checkCredentials();
    try {
      return await operation();
    } catch (error) {
      throw await this.explainNotFound(classifyGcsError(error, this.bucket, what));
    }
  }

  /** A 404 may mean the bucket is missing: say so (checked once per store). */
  private async explainNotFound(error: unknown): Promise<unknown> {
    if (!(error instanceof NotFoundError)) return error;
    this.bucketChecked ??= this.bucketRef.exists().then(
      ([exists]) => {
        if (!exists) {
          this.bucketChecked = undefined;
          throw missingGcsBucket(this.bucket);
        }
      },
      (cause: unknown) => {
        this.bucketChecked = undefined;
        throw classifyGcsError(cause, this.bucket, `check bucket gs://${this.bucket}`);
      },
    );
    try {
      await this.bucketChecked;
    } catch (bucketError) {
      return bucketError;
    }
    return error;
  }
}

/** The object resource in an API response (a rewrite response wraps it in `resource`). */
function resourceOf(response: unknown): FileMetadata {
  const body = (response ?? {}) as FileMetadata & { resource?: FileMetadata };
  return body.resource ?? body;
}

function toInfo(key: string, metadata: FileMetadata): ObjectInfo {
  const info: ObjectInfo = { key, size: Number(metadata.size ?? 0) };
  if (metadata.generation !== undefined) info.etag = String(metadata.generation);
  if (metadata.updated) info.lastModified = new Date(metadata.updated);
  if (metadata.md5Hash) info.md5 = Buffer.from(metadata.md5Hash, 'base64').toString('hex');
  if (metadata.crc32c) info.crc32c = metadata.crc32c;
  return info;
}

/**
 * STORAGE_EMULATOR_HOST as the Google client libraries read it (Go, Python, Java): the server's
 * root, `http://host:port` or `host:port`; a `/storage/v1` suffix is tolerated. Undefined when
 * unset or empty.
 */
export function emulatorEndpoint(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  return withScheme.replace(/\/+$/, '').replace(/\/storage\/v1$/, '');
}

/**
 * The Node SDK takes STORAGE_EMULATOR_HOST, when set, as its JSON API base URL verbatim (a root
 * then lacks /storage/v1: "bucket does not exist") and builds upload URLs from it too (with
 * /storage/v1: POST /storage/v1/upload/storage/v1/...). The endpoint resolved above is passed
 * as apiEndpoint instead, with the variable hidden while the client is built (it reads it only
 * then, synchronously).
 */
function withoutEmulatorVariable<T>(build: () => T): T {
  const saved = process.env['STORAGE_EMULATOR_HOST'];
  if (saved === undefined) return build();
  delete process.env['STORAGE_EMULATOR_HOST'];
  try {
    return build();
  } finally {
    process.env['STORAGE_EMULATOR_HOST'] = saved;
  }
}
