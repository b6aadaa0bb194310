/**
 * S3 (AWS or any S3-compatible endpoint). Credentials come from the standard provider chain
 * unless given; AWS_ENDPOINT_URL selects an endpoint. Writes hold one part in memory at a time
 * and send it only once complete, so a failing source never leaves a partial object; larger
 * writes become a multipart upload that is aborted on failure.
 *
 * The data path and listing are signed HTTP (s3-http.ts, s3-list.ts); @aws-sdk/client-s3 does
 * the control calls (multipart create/complete/abort, copy, delete, bucket check) and is imported
 * on the first of them: a download never loads it (~0.1 s of CPU per start, 1 MB of bundle).
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type * as ClientS3 from '@aws-sdk/client-s3';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { IncomingMessage } from 'node:http';
import { fixedSizeChunks } from '../chunks.js';
import { classifiedStream } from '../classified-stream.js';
import { BadRequestError, IntegrityError, NotFoundError } from '../errors.js';
import { decodePageToken, encodePageToken, listAllPages } from '../page-token.js';
import type {
  ByteRange,
  CompletedPart,
  ListPage,
  ListPageOptions,
  MultipartUploads,
  ObjectInfo,
  ObjectStore,
  S3StoreOptions,
  StoreFeatures,
  WriteOptions,
} from '../types.js';
import { classifyS3Error, missingBucket } from './s3-errors.js';
import { S3Http, type S3Request } from './s3-http.js';
import { listQuery, parseListResponse } from './s3-list.js';
import { commonJsExports, s3CredentialProvider } from './s3-credentials.js';

type Sdk = typeof ClientS3;

/** The SDK logs some failures itself (e.g. "non-retryable streaming request"): ours are one line. */
const SILENT_LOGGER = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const MiB = 1024 * 1024;
/** Size of the parts `write` buffers and sends (the engine picks its own for parallel uploads). */
const WRITE_PART_SIZE = 8 * MiB;

/** A socket silent this long, or a connection not made this fast, fails as transient. */
const SOCKET_IDLE_TIMEOUT_MS = 60_000;
const CONNECT_TIMEOUT_MS = 30_000;

export class S3Store implements ObjectStore {
  readonly uri: string;
  readonly features: StoreFeatures = {
    multipart: true,
    serverSideCopy: true,
    rangeRead: true,
    maxParts: 10_000,
    minPartSize: 5 * MiB,
    maxPartSize: 5 * 1024 * MiB,
    checksum: 'md5',
    multipartProof: 'md5-of-parts',
  };
  /** The multipart slot: this store takes objects in parts. */
  readonly multipart: MultipartUploads = this;
  readonly endpoint: string | undefined;
  private readonly config: S3ClientConfig;
  private sdk: Promise<{ sdk: Sdk; client: S3Client }> | undefined;
  private readonly http: S3Http;
  private bucketChecked: Promise<void> | undefined;

  constructor(
    readonly bucket: string,
    options: S3StoreOptions = {},
  ) {
    this.uri = `s3://${bucket}/`;
    this.endpoint =
      options.endpoint ?? process.env['AWS_ENDPOINT_URL_S3'] ?? process.env['AWS_ENDPOINT_URL'];
    const custom = this.endpoint !== undefined;
    const region =
      options.region ??
      process.env['AWS_REGION'] ??
      process.env['AWS_DEFAULT_REGION'] ??
      'us-east-1';
    // One provider for both paths: the SDK client (when loaded) and the signed HTTP requests.
    const credentials = s3CredentialProvider(options.credentials);
    const config: S3ClientConfig = {
      region,
      credentials,
      forcePathStyle: options.forcePathStyle ?? custom,
      maxAttempts: options.maxAttempts ?? 1,
      logger: SILENT_LOGGER,
      // The SDK waits forever on a connection that stalls (no request timeout by default): a
      // stalled request must fail as transient so the engine's retry takes over (as rclone's
      // --timeout and --contimeout do). requestTimeout is the socket's idle time, not the
      // request's total, so long part uploads are unaffected.
      requestHandler: {
        requestTimeout: SOCKET_IDLE_TIMEOUT_MS,
        connectionTimeout: CONNECT_TIMEOUT_MS,
      },
      // S3-compatible servers rarely understand the SDK's newer default (trailing CRC32 checksums).
      ...(custom
        ? {
            requestChecksumCalculation: 'WHEN_REQUIRED',
            responseChecksumValidation: 'WHEN_REQUIRED',
          }
        : {}),
    };
    if (this.endpoint !== undefined) config.endpoint = this.endpoint;
    this.config = config;
    // The SDK (the client, and the credential chain's STS/SSO clients) warns on every process
    // that future releases will need node 22: nothing a Strata user can act on, and it would
    // break our one-line error output.
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
    this.http = new S3Http({
      bucket,
      endpoint: this.endpoint,
      forcePathStyle: config.forcePathStyle ?? false,
      region: () => Promise.resolve(region),
      credentials: () => credentials(),
      idleTimeoutMs: SOCKET_IDLE_TIMEOUT_MS,
    });
  }

  /** One control call through the SDK client (created on the first), its failure classified. */
  private control<T>(what: string, call: (sdk: Sdk, client: S3Client) => Promise<T>): Promise<T> {
    this.sdk ??= import('@aws-sdk/client-s3').then((module) => {
      const sdk = commonJsExports(module);
      return { sdk, client: new sdk.S3Client(this.config) };
    });
    const loaded = this.sdk;
    return this.send(what, async () => {
      const { sdk, client } = await loaded;
      return call(sdk, client);
    });
  }

  async listPage(prefix: string, opts: ListPageOptions = {}): Promise<ListPage> {
    // Our token wraps S3's and remembers the last common prefix returned, so a prefix never
    // appears on two pages even on servers that repeat them.
    const cursor = opts.pageToken === undefined ? undefined : decodePageToken(opts.pageToken);
    const what = `list s3://${this.bucket}/${prefix}`;
    const response = await this.request(what, {
      method: 'GET',
      key: '',
      query: listQuery(prefix, opts.delimiter, opts.pageSize, cursor?.after || undefined),
    });
    const output = await this.send(what, async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      // Decoded whole: a multi-byte character may straddle two chunks.
      return parseListResponse(Buffer.concat(chunks).toString('utf8'));
    });
    const objects = (output.Contents ?? []).map((entry) =>
      toInfo(entry.Key ?? '', entry.Size ?? 0, entry.ETag, entry.LastModified),
    );
    const prefixes = (output.CommonPrefixes ?? [])
      .map((entry) => entry.Prefix ?? '')
      .filter(
        (p) =>
          p !== '' &&
          (cursor?.skip === undefined ||
            Buffer.compare(Buffer.from(p), Buffer.from(cursor.skip)) > 0),
      );
    const page: ListPage = { objects, prefixes };
    if (output.IsTruncated && output.NextContinuationToken) {
      const skip = prefixes.at(-1) ?? cursor?.skip;
      page.nextPageToken = encodePageToken(
        skip === undefined
          ? { after: output.NextContinuationToken }
          : { after: output.NextContinuationToken, skip },
      );
    }
    return page;
  }

  list(prefix: string): AsyncIterable<ObjectInfo> {
    return listAllPages(this, prefix);
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const response = await this.request(`head ${this.describe(key)}`, { method: 'HEAD', key });
      response.resume();
      return toInfo(
        key,
        Number(response.headers['content-length'] ?? 0),
        response.headers.etag,
        dateHeader(response.headers['last-modified']),
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      await this.checkBucket(); // HEAD cannot say whether the key or the bucket is missing
      return null;
    }
  }

  /**
   * HEAD with partNumber=1 answers with the first part's length and the part count (AWS,
   * MinIO); a server that ignores the parameter (s3rver) answers for the whole object, without a
   * part count, and then the layout is unknown.
   */
  async partSize(key: string): Promise<number | undefined> {
    const response = await this.request(`head part 1 of ${this.describe(key)}`, {
      method: 'HEAD',
      key,
      query: { partNumber: '1' },
    });
    response.resume();
    const parts = Number(response.headers['x-amz-mp-parts-count']);
    const length = Number(response.headers['content-length']);
    return Number.isSafeInteger(parts) && parts > 1 && length > 0 ? length : undefined;
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    if (range && (range.start < 0 || range.end < range.start)) {
      throw new BadRequestError(
        `read ${this.describe(key)}: invalid range ${range.start}-${range.end}`,
      );
    }
    const what = `read ${this.describe(key)}`;
    const response = await this.request(what, {
      method: 'GET',
      key,
      ...(range ? { headers: { range: `bytes=${range.start}-${range.end}` } } : {}),
    });
    return classifiedStream(response, (error) => classifyS3Error(error, this.bucket, what));
  }

  /**
   * A whole object as the chunks that arrived, with no stream stage in between (the small-object
   * download path: a PassThrough and an async iterator per object were measurable CPU over 1000
   * objects). Reading stops past `limit` bytes: the object is not the one listed.
   */
  async readChunks(key: string, limit: number): Promise<{ chunks: Buffer[]; bytes: number }> {
    const what = `read ${this.describe(key)}`;
    const response = await this.request(what, { method: 'GET', key });
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      let settled = false;
      const finish = (error?: unknown): void => {
        if (settled) return;
        settled = true;
        if (error === undefined) resolve({ chunks, bytes });
        else reject(classifyS3Error(error, this.bucket, what));
      };
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > limit) {
          finish();
          response.destroy();
        } else chunks.push(chunk);
      });
      response.once('end', () => finish());
      response.once('error', (error) => finish(error));
      // A connection cut mid-body: transient, as the stream path reports it.
      response.once('close', () =>
        finish(Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' })),
      );
    });
  }

  async write(key: string, body: Readable, opts: WriteOptions = {}): Promise<ObjectInfo> {
    const whole = createHash('md5');
    let size = 0;
    const parts = fixedSizeChunks(body, WRITE_PART_SIZE)[Symbol.asyncIterator]();
    const checkSize = (): void => {
      if (opts.size !== undefined && size !== opts.size) {
        throw new IntegrityError(
          `write ${this.describe(key)}: received ${size} bytes, expected ${opts.size}`,
        );
      }
    };
    const first = (await parts.next()).value ?? Buffer.alloc(0);
    whole.update(first);
    size += first.length;
    let next = first.length === WRITE_PART_SIZE ? await parts.next() : undefined;
    if (next === undefined || next.done || next.value.length === 0) {
      checkSize();
      // The whole object is this one buffer: hashed once.
      return this.putBuffer(key, first, whole.digest(), opts.contentType);
    }
    const uploadId = await this.createMultipart(key);
    try {
      const done = [await this.uploadPart(key, uploadId, 1, first, first.length)];
      for (; !next.done && next.value.length > 0; next = await parts.next()) {
        whole.update(next.value);
        size += next.value.length;
        done.push(
          await this.uploadPart(key, uploadId, done.length + 1, next.value, next.value.length),
        );
      }
      checkSize();
      const info = await this.completeMultipart(key, uploadId, done);
      return { ...info, md5: whole.digest('hex') };
    } catch (error) {
      await this.abortMultipart(key, uploadId).catch(() => undefined);
      throw error;
    }
  }

  /**
   * One PUT of a whole object held in memory, with its MD5 (binary) as Content-MD5 so the
   * service rejects bytes damaged on the way; the returned ETag is what the service stored.
   */
  async putBuffer(
    key: string,
    data: Uint8Array,
    md5: Buffer,
    contentType?: string,
  ): Promise<ObjectInfo> {
    const headers: Record<string, string> = { 'content-md5': md5.toString('base64') };
    if (contentType) headers['content-type'] = contentType;
    const response = await this.request(`write ${this.describe(key)}`, {
      method: 'PUT',
      key,
      headers,
      body: data,
    });
    response.resume();
    const info: ObjectInfo = {
      key,
      size: data.length,
      md5: md5.toString('hex'),
      lastModified: new Date(),
    };
    const etag = unquote(response.headers.etag);
    if (etag !== undefined) info.etag = etag;
    return info;
  }

  async createMultipart(key: string): Promise<string> {
    const output = await this.control(`create multipart ${this.describe(key)}`, (sdk, client) =>
      client.send(new sdk.CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key })),
    );
    if (!output.UploadId)
      throw new Error(`create multipart ${this.describe(key)}: no upload id returned`);
    return output.UploadId;
  }

  async uploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: Readable | Uint8Array,
    size: number,
  ): Promise<CompletedPart> {
    const headers: Record<string, string> = { 'content-length': String(size) };
    if (body instanceof Uint8Array)
      headers['content-md5'] = createHash('md5').update(body).digest('base64');
    const response = await this.request(`upload part ${partNumber} of ${this.describe(key)}`, {
      method: 'PUT',
      key,
      query: { partNumber: String(partNumber), uploadId },
      headers,
      body,
    });
    response.resume();
    return { partNumber, etag: unquote(response.headers.etag) ?? '' };
  }

  async completeMultipart(
    key: string,
    uploadId: string,
    parts: CompletedPart[],
  ): Promise<ObjectInfo> {
    const ordered = [...parts].sort((a, b) => a.partNumber - b.partNumber);
    await this.control(`complete multipart ${this.describe(key)}`, (sdk, client) =>
      client.send(
        new sdk.CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: {
            Parts: ordered.map((p) => ({
              PartNumber: p.partNumber,
              ETag: `"${unquote(p.etag)}"`,
            })),
          },
        }),
      ),
    );
    const info = await this.head(key);
    if (!info)
      throw new NotFoundError(
        `complete multipart ${this.describe(key)}: the object is missing afterwards`,
      );
    return info;
  }

  async abortMultipart(key: string, uploadId: string): Promise<void> {
    try {
      await this.control(`abort multipart ${this.describe(key)}`, (sdk, client) =>
        client.send(
          new sdk.AbortMultipartUploadCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
          }),
        ),
      );
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error; // already gone: aborting is idempotent
    }
  }

  /** ListParts (one part asked for): 404 NoSuchUpload says the upload is gone. */
  async uploadExists(key: string, uploadId: string): Promise<boolean | undefined> {
    try {
      const response = await this.request(`list parts of ${this.describe(key)}`, {
        method: 'GET',
        key,
        query: { uploadId, 'max-parts': '1' },
      });
      response.resume();
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      // A server without ListParts (plain s3rver: MethodNotAllowed) cannot tell.
      if (error instanceof BadRequestError) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.control(`delete ${this.describe(key)}`, (sdk, client) =>
      client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: key })),
    );
  }

  async copy(srcKey: string, dstKey: string): Promise<ObjectInfo> {
    const source = `${this.bucket}/${srcKey.split('/').map(encodeURIComponent).join('/')}`;
    await this.control(`copy ${this.describe(srcKey)} to ${dstKey}`, (sdk, client) =>
      client.send(
        new sdk.CopyObjectCommand({ Bucket: this.bucket, Key: dstKey, CopySource: source }),
      ),
    );
    const info = await this.head(dstKey);
    if (!info)
      throw new NotFoundError(
        `copy ${this.describe(srcKey)} to ${dstKey}: the copy is missing afterwards`,
      );
    return info;
  }

  async close(): Promise<void> {
    const sdk = this.sdk;
    this.sdk = undefined;
    this.http.close();
    if (sdk) (await sdk.catch(() => undefined))?.client.destroy();
  }

  private describe(key: string): string {
    return `s3://${this.bucket}/${key}`;
  }

  private async send<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw classifyS3Error(error, this.bucket, what);
    }
  }

  /** One data-path request over plain HTTP (s3-http.ts); a non-2xx answer becomes a classified error. */
  private async request(what: string, request: S3Request): Promise<IncomingMessage> {
    const response = await this.send(what, () => this.http.send(request));
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) return response;
    throw classifyS3Error(await S3Http.errorOf(response), this.bucket, what);
  }

  /** Once per store: turns "404 on a key" into "the bucket is missing" when that is the cause. */
  private checkBucket(): Promise<void> {
    this.bucketChecked ??= this.control(`check bucket s3://${this.bucket}`, (sdk, client) =>
      client.send(new sdk.HeadBucketCommand({ Bucket: this.bucket })),
    ).then(
      () => undefined,
      (error: unknown) => {
        this.bucketChecked = undefined;
        throw error instanceof NotFoundError ? missingBucket(this.bucket, error) : error;
      },
    );
    return this.bucketChecked;
  }
}

function dateHeader(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}

function unquote(etag: string | undefined): string | undefined {
  return etag?.replace(/"/g, '');
}

function toInfo(
  key: string,
  size: number,
  etag: string | undefined,
  lastModified: Date | undefined,
): ObjectInfo {
  const tag = unquote(etag);
  const info: ObjectInfo = { key, size };
  if (tag !== undefined) info.etag = tag;
  if (lastModified !== undefined) info.lastModified = lastModified;
  // A single-part upload's ETag is the MD5 of the content; a multipart one has a '-N' suffix.
  if (tag !== undefined && /^[0-9a-f]{32}$/.test(tag)) info.md5 = tag;
  return info;
}
