import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error the server answers with, in the GCS JSON API's error shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: unknown): void {
  const known =
    error instanceof HttpError ? error : new HttpError(500, 'backendError', String(error));
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, known.status, {
    error: {
      code: known.status,
      message: known.message,
      errors: [{ domain: 'global', reason: known.reason, message: known.message }],
    },
  });
}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > limit)
      throw new HttpError(413, 'uploadTooLarge', `request body over ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req, 1024 * 1024);
  if (body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HttpError(400, 'parseError', 'request body is not a JSON object');
}

/** Splits a multipart/related body into its parts (headers are not needed beyond their end). */
export function parseMultipartRelated(body: Buffer, contentType: string): Buffer[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new HttpError(400, 'invalid', 'multipart upload without a boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let position = body.indexOf(delimiter);
  if (position === -1) throw new HttpError(400, 'invalid', 'multipart body has no parts');
  for (;;) {
    const afterDelimiter = position + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break; // closing delimiter
    const headersEnd = body.indexOf('\r\n\r\n', afterDelimiter);
    const next = body.indexOf(delimiter, headersEnd);
    if (headersEnd === -1 || next === -1)
      throw new HttpError(400, 'invalid', 'multipart body is truncated');
    // The part's content ends with the CRLF that precedes the next delimiter.
    parts.push(body.subarray(headersEnd + 4, next - 2));
    position = next;
  }
  return parts;
}

export function queryValue(url: URL, name: string): string | undefined {
  return url.searchParams.get(name) ?? undefined;
}

/** UTF-8 byte order, as GCS sorts object names. */
export function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
