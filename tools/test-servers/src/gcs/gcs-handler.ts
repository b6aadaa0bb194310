/**
 * A small GCS JSON-API server: what @google-cloud/storage calls for buckets and objects.
 * Object insert (uploadType=media, multipart, resumable with chunked PUTs, Content-Range and
 * 308), get (metadata, or alt=media with Range), list (prefix, delimiter, pageToken,
 * maxResults), delete, compose (≤ 32 sources), rewrite/copy; CRC32C and MD5 (base64) in metadata
 * and in x-goog-hash. Plain HTTP, no authentication.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CORRUPT_PATH, STATS_PATH } from '../child-server.js';
import { flipFirstByte } from '../corrupt.js';
import type { GcsData, ObjectMeta } from './gcs-data.js';
import { hashFiles, ObjectHasher } from './hashes.js';
import {
  byBytes,
  HttpError,
  parseMultipartRelated,
  queryValue,
  readBody,
  readJson,
  sendError,
  sendJson,
} from './http-util.js';

const MAX_COMPOSE_SOURCES = 32;
const MAX_MULTIPART_BODY = 256 * 1024 * 1024;
const DEFAULT_PAGE_SIZE = 1000;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export function createGcsHandler(data: GcsData): Handler {
  let rangedGetsToCorrupt = 0;
  const counts: Record<string, number> = {};
  const count = (kind: string): void => {
    counts[kind] = (counts[kind] ?? 0) + 1;
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (url.pathname === CORRUPT_PATH && method === 'POST') {
      rangedGetsToCorrupt += Number(queryValue(url, 'count') ?? 1);
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === STATS_PATH && method === 'GET') return sendJson(res, 200, counts);
    const path = url.pathname.split('/').slice(1).map(decodeURIComponent);
    const api = path[0] === 'storage' && path[1] === 'v1' ? path.slice(2) : undefined;
    const upload =
      path[0] === 'upload' && path[1] === 'storage' && path[2] === 'v1' ? path.slice(3) : undefined;
    const download =
      path[0] === 'download' && path[1] === 'storage' && path[2] === 'v1'
        ? path.slice(3)
        : undefined;

    if (api?.[0] === 'b' && api.length === 1) {
      if (method === 'POST') return createBucket(req, res);
      if (method === 'GET') return sendJson(res, 200, { kind: 'storage#buckets', items: [] });
    }
    if (api?.[0] === 'b' && api.length === 2) {
      const bucket = api[1] ?? '';
      if (method === 'GET') return sendJson(res, 200, requireBucket(bucket));
      if (method === 'DELETE') {
        requireBucket(bucket);
        if (data.objects(bucket).size > 0)
          throw new HttpError(409, 'conflict', 'The bucket you tried to delete is not empty.');
        await data.deleteBucket(bucket);
        res.writeHead(204).end();
        return;
      }
    }
    if (api?.[0] === 'b' && api[2] === 'o') {
      const bucket = api[1] ?? '';
      requireBucket(bucket);
      const name = api[3];
      if (api.length === 3 && method === 'GET') return listObjects(bucket, url, res);
      if (name !== undefined && api.length === 4) {
        if (method === 'GET' && queryValue(url, 'alt') === 'media')
          return sendMedia(req, res, requireObject(bucket, name, url));
        if (method === 'GET' || method === 'PATCH')
          return sendJson(res, 200, requireObject(bucket, name, url));
        if (method === 'DELETE') {
          requireObject(bucket, name, url);
          await data.deleteObject(bucket, name);
          res.writeHead(204).end();
          return;
        }
      }
      if (name !== undefined && api.length === 5 && api[4] === 'compose' && method === 'POST') {
        count('compose');
        return compose(req, res, bucket, name);
      }
      if (
        name !== undefined &&
        api.length === 9 &&
        (api[4] === 'rewriteTo' || api[4] === 'copyTo') &&
        method === 'POST'
      ) {
        return rewrite(
          req,
          res,
          requireObject(bucket, name, url),
          api[6] ?? '',
          api[8] ?? '',
          api[4] === 'rewriteTo',
        );
      }
    }
    if (download?.[0] === 'b' && download[2] === 'o' && download.length === 4 && method === 'GET') {
      requireBucket(download[1] ?? '');
      return sendMedia(req, res, requireObject(download[1] ?? '', download[3] ?? '', url));
    }
    if (upload?.[0] === 'b' && upload[2] === 'o' && upload.length === 3) {
      const bucket = upload[1] ?? '';
      requireBucket(bucket);
      const uploadType = queryValue(url, 'uploadType');
      const sessionId = queryValue(url, 'upload_id');
      if (sessionId !== undefined && method === 'PUT') {
        count('upload:resumable-put');
        return resumableChunk(req, res, sessionId);
      }
      if (sessionId !== undefined && method === 'DELETE') {
        await data.endSession(sessionId);
        res.writeHead(499).end();
        return;
      }
      if (method === 'POST' && uploadType) count(`upload:${uploadType}`);
      if (method === 'POST' && uploadType === 'media') return mediaUpload(req, res, bucket, url);
      if (method === 'POST' && uploadType === 'multipart')
        return multipartUpload(req, res, bucket, url);
      if (method === 'POST' && uploadType === 'resumable')
        return startResumable(req, res, bucket, url);
    }
    throw new HttpError(404, 'notFound', `no route for ${method} ${url.pathname}`);
  };

  const requireBucket = (bucket: string) => {
    const meta = data.bucket(bucket);
    if (!meta) throw new HttpError(404, 'notFound', 'The specified bucket does not exist.');
    return meta;
  };

  const requireObject = (bucket: string, name: string, url?: URL): ObjectMeta => {
    const meta = data.object(bucket, name);
    const generation = url ? queryValue(url, 'generation') : undefined;
    if (!meta || (generation !== undefined && generation !== meta.generation)) {
      throw new HttpError(404, 'notFound', `No such object: ${bucket}/${name}`);
    }
    return meta;
  };

  const createBucket = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readJson(req);
    const name = typeof body['name'] === 'string' ? body['name'] : '';
    if (!/^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/.test(name))
      throw new HttpError(400, 'invalid', `Invalid bucket name: '${name}'`);
    if (data.bucket(name))
      throw new HttpError(
        409,
        'conflict',
        'Your previous request to create the named bucket succeeded and you already own it.',
      );
    sendJson(res, 200, await data.createBucket(name));
  };

  const listObjects = (bucket: string, url: URL, res: ServerResponse): void => {
    const prefix = queryValue(url, 'prefix') ?? '';
    const delimiter = queryValue(url, 'delimiter') || undefined;
    const pageSize = Math.min(
      DEFAULT_PAGE_SIZE,
      Math.max(1, Number(queryValue(url, 'maxResults') ?? DEFAULT_PAGE_SIZE)),
    );
    const token = queryValue(url, 'pageToken');
    const after = token ? Buffer.from(token, 'base64url').toString('utf8') : '';
    const names = [...data.objects(bucket).keys()]
      .filter((n) => n.startsWith(prefix))
      .sort(byBytes);
    const items: ObjectMeta[] = [];
    const prefixes: string[] = [];
    let last = '';
    let truncated = false;
    for (const name of names) {
      const rest = name.slice(prefix.length);
      const cut = delimiter ? rest.indexOf(delimiter) : -1;
      const common =
        delimiter && cut !== -1 ? prefix + rest.slice(0, cut + delimiter.length) : undefined;
      const position = common ?? name;
      // A page that ended on a common prefix resumes after everything inside it.
      if (byBytes(position, after) <= 0 || (common !== undefined && common === prefixes.at(-1)))
        continue;
      if (items.length + prefixes.length === pageSize) {
        truncated = true;
        break;
      }
      if (common !== undefined) prefixes.push(common);
      else items.push(data.object(bucket, name)!);
      last = position;
    }
    const body: Record<string, unknown> = { kind: 'storage#objects' };
    if (items.length > 0) body['items'] = items;
    if (prefixes.length > 0) body['prefixes'] = prefixes;
    if (truncated) body['nextPageToken'] = Buffer.from(last).toString('base64url');
    sendJson(res, 200, body);
  };

  const sendMedia = async (
    req: IncomingMessage,
    res: ServerResponse,
    meta: ObjectMeta,
  ): Promise<void> => {
    const size = Number(meta.size);
    const headers: Record<string, string | number> = {
      'Content-Type': meta.contentType,
      'Accept-Ranges': 'bytes',
      ETag: meta.etag,
      'x-goog-generation': meta.generation,
      'x-goog-metageneration': meta.metageneration,
      'x-goog-stored-content-encoding': 'identity',
      'x-goog-stored-content-length': meta.size,
      'x-goog-hash': [
        `crc32c=${meta.crc32c}`,
        ...(meta.md5Hash ? [`md5=${meta.md5Hash}`] : []),
      ].join(','),
    };
    const range = parseRange(req.headers.range, size);
    if (range === 'unsatisfiable') {
      res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      return;
    }
    const file = data.objectDataPath(meta);
    if (range === undefined) {
      res.writeHead(200, { ...headers, 'Content-Length': size });
      await pipeline(createReadStream(file), res);
      return;
    }
    res.writeHead(206, {
      ...headers,
      'Content-Length': range.end - range.start + 1,
      'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
    });
    const body = createReadStream(file, range);
    if (rangedGetsToCorrupt > 0) {
      rangedGetsToCorrupt--;
      await pipeline(body, flipFirstByte(), res);
      return;
    }
    await pipeline(body, res);
  };

  /** Streams the request body into a temporary file while hashing it. */
  const receive = async (req: IncomingMessage): Promise<{ temp: string; hasher: ObjectHasher }> => {
    const temp = data.tempPath();
    const hasher = new ObjectHasher();
    await pipeline(req, hashing(hasher), createWriteStream(temp));
    return { temp, hasher };
  };

  const mediaUpload = async (
    req: IncomingMessage,
    res: ServerResponse,
    bucket: string,
    url: URL,
  ): Promise<void> => {
    const name = queryValue(url, 'name');
    if (!name) throw new HttpError(400, 'required', 'Required parameter: name');
    const { temp, hasher } = await receive(req);
    const hashes = hasher.digest();
    sendJson(
      res,
      200,
      await data.commitObject(bucket, name, temp, {
        size: hasher.size,
        ...hashes,
        contentType: req.headers['content-type'] ?? 'application/octet-stream',
      }),
    );
  };

  const multipartUpload = async (
    req: IncomingMessage,
    res: ServerResponse,
    bucket: string,
    url: URL,
  ): Promise<void> => {
    const body = await readBody(req, MAX_MULTIPART_BODY);
    const [metadataPart, media] = parseMultipartRelated(body, req.headers['content-type'] ?? '');
    if (metadataPart === undefined || media === undefined)
      throw new HttpError(400, 'invalid', 'multipart upload needs metadata and media parts');
    const metadata = JSON.parse(metadataPart.toString('utf8') || '{}') as Record<string, unknown>;
    const name =
      (typeof metadata['name'] === 'string' ? metadata['name'] : undefined) ??
      queryValue(url, 'name');
    if (!name) throw new HttpError(400, 'required', 'Required parameter: name');
    const hasher = new ObjectHasher();
    hasher.update(media);
    const hashes = hasher.digest();
    if (typeof metadata['crc32c'] === 'string' && metadata['crc32c'] !== hashes.crc32c) {
      throw new HttpError(
        400,
        'invalid',
        `Provided CRC32C "${metadata['crc32c']}" doesn't match calculated CRC32C "${hashes.crc32c}".`,
      );
    }
    if (typeof metadata['md5Hash'] === 'string' && metadata['md5Hash'] !== hashes.md5Hash) {
      throw new HttpError(
        400,
        'invalid',
        `Provided MD5 hash "${metadata['md5Hash']}" doesn't match calculated MD5 hash "${hashes.md5Hash}".`,
      );
    }
    const temp = data.tempPath();
    await pipeline([media], createWriteStream(temp));
    const contentType =
      typeof metadata['contentType'] === 'string'
        ? metadata['contentType']
        : 'application/octet-stream';
    sendJson(
      res,
      200,
      await data.commitObject(bucket, name, temp, { size: media.length, ...hashes, contentType }),
    );
  };

  const startResumable = async (
    req: IncomingMessage,
    res: ServerResponse,
    bucket: string,
    url: URL,
  ): Promise<void> => {
    const metadata = await readJson(req);
    const name =
      (typeof metadata['name'] === 'string' ? metadata['name'] : undefined) ??
      queryValue(url, 'name');
    if (!name) throw new HttpError(400, 'required', 'Required parameter: name');
    const declared = req.headers['x-upload-content-length'];
    const contentType =
      (req.headers['x-upload-content-type'] as string | undefined) ??
      (typeof metadata['contentType'] === 'string'
        ? metadata['contentType']
        : 'application/octet-stream');
    const session = await data.createSession({
      bucket,
      name,
      contentType,
      ...(declared !== undefined ? { declaredSize: Number(declared) } : {}),
    });
    const location =
      `http://${req.headers.host ?? 'localhost'}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o` +
      `?uploadType=resumable&name=${encodeURIComponent(name)}&upload_id=${session.id}`;
    res.writeHead(200, { Location: location, 'Content-Length': 0 }).end();
  };

  const resumableChunk = async (
    req: IncomingMessage,
    res: ServerResponse,
    sessionId: string,
  ): Promise<void> => {
    const session = data.session(sessionId);
    if (!session)
      throw new HttpError(
        404,
        'notFound',
        'No such upload session (it was completed, cancelled or never existed)',
      );
    const file = data.sessionDataPath(sessionId);
    const received = (await stat(file)).size;
    const range = parseContentRange(req.headers['content-range']);
    let total = range.total;
    let now = received;
    if (range.start !== undefined) {
      if (range.start > received) {
        await readBody(req, Number.MAX_SAFE_INTEGER);
        throw new HttpError(
          400,
          'invalid',
          `chunk starts at ${range.start} but only ${received} bytes were received`,
        );
      }
      // Bytes the server already has are skipped: the client may resend after a lost response.
      await pipeline(
        req,
        skipBytes(received - range.start),
        createWriteStream(file, { flags: 'a' }),
      );
      now = (await stat(file)).size;
      if (range.openEnded && total === undefined) total = now; // one streaming PUT carries the whole object
    } else {
      await readBody(req, 0);
    }
    if (total !== undefined && now >= total) {
      if (now !== total)
        throw new HttpError(400, 'invalid', `received ${now} bytes, the upload declared ${total}`);
      const hashes = await hashFiles([file]);
      const expected = parseGoogHash(req.headers['x-goog-hash']);
      if (
        (expected.crc32c && expected.crc32c !== hashes.crc32c) ||
        (expected.md5 && expected.md5 !== hashes.md5Hash)
      ) {
        await data.endSession(sessionId);
        throw new HttpError(
          400,
          'invalid',
          'the uploaded bytes do not match the X-Goog-Hash the client sent',
        );
      }
      const meta = await data.commitObject(session.bucket, session.name, file, {
        size: now,
        crc32c: hashes.crc32c,
        md5Hash: hashes.md5Hash,
        contentType: session.contentType,
      });
      await data.endSession(sessionId);
      sendJson(res, 200, meta);
      return;
    }
    res
      .writeHead(308, { ...(now > 0 ? { Range: `bytes=0-${now - 1}` } : {}), 'Content-Length': 0 })
      .end();
  };

  const compose = async (
    req: IncomingMessage,
    res: ServerResponse,
    bucket: string,
    name: string,
  ): Promise<void> => {
    const body = await readJson(req);
    const sources = Array.isArray(body['sourceObjects'])
      ? (body['sourceObjects'] as { name?: string; generation?: number | string }[])
      : [];
    if (sources.length === 0) throw new HttpError(400, 'required', 'Required field: sourceObjects');
    if (sources.length > MAX_COMPOSE_SOURCES) {
      throw new HttpError(
        400,
        'invalid',
        `The number of source components provided (${sources.length}) exceeds the maximum (${MAX_COMPOSE_SOURCES})`,
      );
    }
    const metas = sources.map((source) => {
      const meta = requireObject(bucket, source.name ?? '');
      if (source.generation !== undefined && String(source.generation) !== meta.generation) {
        throw new HttpError(
          404,
          'notFound',
          `No such object: ${bucket}/${source.name} (generation ${source.generation})`,
        );
      }
      return meta;
    });
    const temp = data.tempPath();
    const hasher = new ObjectHasher();
    await pipeline(
      (async function* () {
        for (const meta of metas) yield* createReadStream(data.objectDataPath(meta));
      })(),
      hashing(hasher),
      createWriteStream(temp),
    );
    const destination = (body['destination'] ?? {}) as { contentType?: string };
    const meta = await data.commitObject(bucket, name, temp, {
      size: hasher.size,
      crc32c: hasher.digest().crc32c, // composite objects carry no MD5 on GCS
      contentType: destination.contentType ?? metas[0]?.contentType ?? 'application/octet-stream',
      componentCount: metas.reduce((sum, m) => sum + (m.componentCount ?? 1), 0),
    });
    sendJson(res, 200, meta);
  };

  const rewrite = async (
    req: IncomingMessage,
    res: ServerResponse,
    source: ObjectMeta,
    destBucket: string,
    destName: string,
    rewriteShape: boolean,
  ): Promise<void> => {
    await readBody(req, 1024 * 1024);
    requireBucket(destBucket);
    const temp = data.tempPath();
    await copyFile(data.objectDataPath(source), temp);
    const fields = {
      size: Number(source.size),
      crc32c: source.crc32c,
      contentType: source.contentType,
      ...(source.md5Hash !== undefined ? { md5Hash: source.md5Hash } : {}),
      ...(source.componentCount !== undefined ? { componentCount: source.componentCount } : {}),
    };
    const meta = await data.commitObject(destBucket, destName, temp, fields);
    if (!rewriteShape) return sendJson(res, 200, meta);
    sendJson(res, 200, {
      kind: 'storage#rewriteResponse',
      totalBytesRewritten: meta.size,
      objectSize: meta.size,
      done: true,
      resource: meta,
    });
  };

  return (req, res) => {
    route(req, res).catch((error: unknown) => sendError(res, error));
  };
}

function hashing(hasher: ObjectHasher): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      hasher.update(chunk);
      callback(null, chunk);
    },
  });
}

function skipBytes(count: number): Transform {
  let left = count;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      if (left >= chunk.length) {
        left -= chunk.length;
        callback();
        return;
      }
      const rest = chunk.subarray(left);
      left = 0;
      callback(null, rest);
    },
  });
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` → inclusive range clamped to the object, as GCS does. */
function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match) return undefined;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return undefined;
  const start = from === '' ? Math.max(0, size - Number(to)) : Number(from);
  const end = from === '' || to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** `bytes a-b/T`, `bytes a-*\/T`, `bytes *\/T`, with T a number or '*'. */
function parseContentRange(header: string | undefined): {
  start?: number;
  openEnded: boolean;
  total?: number;
} {
  if (!header) return { start: 0, openEnded: true };
  const match = /^bytes (\*|(\d+)-(\d+|\*|-1))\/(\S+)$/.exec(header.trim());
  if (!match) throw new HttpError(400, 'invalid', `bad Content-Range '${header}'`);
  const total = /^\d+$/.test(match[4] ?? '') ? Number(match[4]) : undefined;
  if (match[1] === '*') return { openEnded: false, ...(total !== undefined ? { total } : {}) };
  return {
    start: Number(match[2]),
    openEnded: match[3] === '*',
    ...(total !== undefined ? { total } : {}),
  };
}

function parseGoogHash(header: string | string[] | undefined): { crc32c?: string; md5?: string } {
  const result: { crc32c?: string; md5?: string } = {};
  for (const pair of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const eq = pair.indexOf('=');
    const kind = pair.slice(0, eq).trim();
    if (kind === 'crc32c' || kind === 'md5') result[kind] = pair.slice(eq + 1).trim();
  }
  return result;
}
