/**
 * s3rver 3.7.1 speaks the real S3 protocol but misses a few parts of it that object-store code
 * relies on. These Koa middlewares run in front of it and implement them as S3 documents them:
 *  - ListObjectsV2: keys in UTF-8 byte order; MaxKeys counts keys and common prefixes; a page may
 *    end on a common prefix (s3rver fails with InternalError there) and never repeats it.
 *  - AbortMultipartUpload (s3rver answers MethodNotAllowed).
 *  - ListParts, as far as whether the upload exists (s3rver answers MethodNotAllowed).
 *  - `Range: bytes=0-0` (s3rver returns the whole object for an end of 0).
 *  - `x-amz-copy-source` fully URL-decoded (s3rver's decodeURI leaves `%2B`, `%26`, ... encoded).
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { KoaContext, KoaMiddleware, S3rverObject, S3rverStore } from 's3rver';
import authentication from 's3rver/lib/middleware/authentication.js';

const BUCKET_PATH = /^\/([^/]+)\/?$/;
const OBJECT_PATH = /^\/([^/]+)\/(.+)$/;

export function s3rverFixes(store: S3rverStore): KoaMiddleware[] {
  return [
    authenticated(listObjectsV2(store)),
    authenticated(abortMultipartUpload(store)),
    authenticated(listParts(store)),
    firstByteRange(),
    copySourceDecoding(),
  ];
}

/**
 * A fix that answers a request itself runs in front of s3rver's router, so s3rver's own
 * authentication (unknown access key, bad signature) would never see it: a listing with wrong
 * keys succeeded here and failed on plain s3rver, and no test could catch a credential bug. The
 * same check runs first (errors are rendered by s3rver's onerror, as for its own routes).
 */
function authenticated(fix: KoaMiddleware): KoaMiddleware {
  const check = authentication();
  return async (ctx, next) => {
    const match = OBJECT_PATH.exec(ctx.path) ?? BUCKET_PATH.exec(ctx.path);
    if (!match) return fix(ctx, next);
    ctx.params = { bucket: decodeURIComponent(match[1] ?? '') };
    if (match[2] !== undefined) ctx.params['key'] = decodeURIComponent(match[2]);
    return check(ctx, () => fix(ctx, next));
  };
}

function queryString(ctx: KoaContext, name: string): string | undefined {
  const value = ctx.query[name];
  return Array.isArray(value) ? value[0] : value;
}

function listObjectsV2(store: S3rverStore): KoaMiddleware {
  return async (ctx, next) => {
    const bucket = BUCKET_PATH.exec(ctx.path)?.[1];
    if (ctx.method !== 'GET' || bucket === undefined || queryString(ctx, 'list-type') !== '2')
      return next();
    if (!(await store.getBucket(bucket))) return next(); // s3rver answers NoSuchBucket
    const prefix = queryString(ctx, 'prefix') ?? '';
    const delimiter = queryString(ctx, 'delimiter') || undefined;
    const maxKeys = Math.min(1000, Number(queryString(ctx, 'max-keys') ?? 1000));
    const token = queryString(ctx, 'continuation-token');
    const startAfter = token
      ? Buffer.from(token, 'base64url').toString('utf8')
      : (queryString(ctx, 'start-after') ?? '');

    const { objects } = await store.listObjects(bucket, {
      prefix,
      maxKeys: Number.MAX_SAFE_INTEGER,
    });
    objects.sort((a, b) => byBytes(a.key, b.key));
    const entries: ({ object: S3rverObject } | { prefix: string })[] = [];
    let lastPrefix: string | undefined;
    let truncated = false;
    for (const object of objects) {
      const rest = object.key.slice(prefix.length);
      const cut = delimiter ? rest.indexOf(delimiter) : -1;
      const common =
        delimiter && cut !== -1 ? prefix + rest.slice(0, cut + delimiter.length) : undefined;
      const position = common ?? object.key;
      if (byBytes(position, startAfter) <= 0 || (common !== undefined && common === lastPrefix))
        continue;
      if (entries.length === maxKeys) {
        truncated = true;
        break;
      }
      if (common !== undefined) {
        entries.push({ prefix: common });
        lastPrefix = common;
      } else {
        entries.push({ object });
      }
    }
    const last = entries.at(-1);
    const lastPosition = last === undefined ? '' : 'prefix' in last ? last.prefix : last.object.key;
    const contents = entries.flatMap((e) => ('object' in e ? [e.object] : []));
    const prefixes = entries.flatMap((e) => ('prefix' in e ? [e.prefix] : []));
    ctx.type = 'application/xml';
    ctx.status = 200;
    ctx.body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
      `<Name>${xml(bucket)}</Name><Prefix>${xml(prefix)}</Prefix><KeyCount>${entries.length}</KeyCount>`,
      `<MaxKeys>${maxKeys}</MaxKeys>${delimiter ? `<Delimiter>${xml(delimiter)}</Delimiter>` : ''}`,
      `<IsTruncated>${truncated}</IsTruncated>`,
      token ? `<ContinuationToken>${xml(token)}</ContinuationToken>` : '',
      truncated
        ? `<NextContinuationToken>${Buffer.from(lastPosition).toString('base64url')}</NextContinuationToken>`
        : '',
      ...contents.map(
        (o) =>
          `<Contents><Key>${xml(o.key)}</Key><LastModified>${o.lastModifiedDate.toISOString()}</LastModified>` +
          `<ETag>${xml(o.metadata['etag'] ?? '')}</ETag><Size>${o.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
      ),
      ...prefixes.map((p) => `<CommonPrefixes><Prefix>${xml(p)}</Prefix></CommonPrefixes>`),
      '</ListBucketResult>',
    ].join('');
  };
}

const NO_SUCH_UPLOAD = (uploadId: string): string =>
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchUpload</Code>' +
  `<Message>The specified upload does not exist.</Message><UploadId>${xml(uploadId)}</UploadId></Error>`;

/** ListParts answers whether the upload exists; the parts themselves are not listed. */
function listParts(store: S3rverStore): KoaMiddleware {
  return async (ctx, next) => {
    const match = OBJECT_PATH.exec(ctx.path);
    const uploadId = queryString(ctx, 'uploadId');
    if (ctx.method !== 'GET' || !match || uploadId === undefined) return next();
    const bucket = match[1] ?? '';
    const dir = join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    ctx.type = 'application/xml';
    if (!/^[0-9a-f]+$/.test(uploadId) || !existsSync(dir)) {
      ctx.status = 404;
      ctx.body = NO_SUCH_UPLOAD(uploadId);
      return;
    }
    ctx.status = 200;
    ctx.body =
      '<?xml version="1.0" encoding="UTF-8"?><ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<Bucket>${xml(bucket)}</Bucket><Key>${xml(decodeURIComponent(match[2] ?? ''))}</Key>` +
      `<UploadId>${xml(uploadId)}</UploadId><IsTruncated>false</IsTruncated></ListPartsResult>`;
  };
}

function abortMultipartUpload(store: S3rverStore): KoaMiddleware {
  return async (ctx, next) => {
    const match = OBJECT_PATH.exec(ctx.path);
    const uploadId = queryString(ctx, 'uploadId');
    if (ctx.method !== 'DELETE' || !match || uploadId === undefined) return next();
    const bucket = match[1] ?? '';
    const dir = join(store.getResourcePath(bucket, undefined, 'uploads'), uploadId);
    if (!/^[0-9a-f]+$/.test(uploadId) || !existsSync(dir)) {
      ctx.status = 404;
      ctx.type = 'application/xml';
      ctx.body = NO_SUCH_UPLOAD(uploadId);
      return;
    }
    await rm(dir, { recursive: true, force: true });
    ctx.status = 204;
  };
}

function firstByteRange(): KoaMiddleware {
  return async (ctx, next) => {
    const range = /^bytes=(\d+)-(\d+)$/.exec(String(ctx.headers['range'] ?? ''));
    await next();
    if (!range || ctx.method !== 'GET' || ctx.status !== 206 || !(ctx.body instanceof Readable))
      return;
    const start = Number(range[1]);
    const end = Number(range[2]);
    const served = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(ctx.response.get('Content-Range'));
    if (!served || Number(served[2]) <= end) return;
    ctx.body = ctx.body.pipe(firstBytes(end - start + 1));
    ctx.set('Content-Range', `bytes ${start}-${end}/${served[3]}`);
    ctx.length = end - start + 1;
  };
}

function copySourceDecoding(): KoaMiddleware {
  return async (ctx, next) => {
    const source = ctx.headers['x-amz-copy-source'];
    if (typeof source === 'string') {
      // Re-encoded so that s3rver's decodeURI yields exactly the decoded key.
      ctx.headers['x-amz-copy-source'] = encodeURI(decodeURIComponent(source));
    }
    await next();
  };
}

/** Passes the first `count` bytes and drops the rest. */
function firstBytes(count: number): Transform {
  let left = count;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      const take = Math.min(left, chunk.length);
      left -= take;
      callback(null, take > 0 ? chunk.subarray(0, take) : undefined);
    },
  });
}

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
