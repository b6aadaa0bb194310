/**
 * ListObjectsV2 over the signed HTTP path (s3-http.ts) instead of the SDK, so that a download or
 * a listing does not load @aws-sdk/client-s3 at all. The request carries the same parameters as
 * the SDK's ListObjectsV2Command and the answer is returned in the SDK's output shape.
 */
export interface ListOutput {
  Contents?: { Key?: string; Size?: number; ETag?: string; LastModified?: Date }[];
  CommonPrefixes?: { Prefix?: string }[];
  IsTruncated?: boolean;
  NextContinuationToken?: string;
}

/** The query string of one ListObjectsV2 page. */
export function listQuery(
  prefix: string,
  delimiter: string | undefined,
  maxKeys: number | undefined,
  continuationToken: string | undefined,
): Record<string, string> {
  const query: Record<string, string> = { 'list-type': '2', prefix };
  if (delimiter !== undefined) query['delimiter'] = delimiter;
  if (maxKeys !== undefined) query['max-keys'] = String(maxKeys);
  if (continuationToken !== undefined) query['continuation-token'] = continuationToken;
  return query;
}

/**
 * Parses a ListBucketResult document; anything else is an error naming what arrived. A listing
 * is flat and regular and S3 escapes every '<' and '&' in keys, so the elements are found by
 * scanning for their tags: fast-xml-parser (the SDK's parser) took ~0.1-0.2 s of CPU for one
 * 1000-key page here. Text is kept exactly as stored (no number parsing: "007"; no trimming).
 */
export function parseListResponse(xml: string): ListOutput {
  if (!/<ListBucketResult[\s>]/.test(xml))
    throw new Error(`unexpected list response: ${xml.slice(0, 200)}`);
  const contents = blocks(xml, 'Contents').map((block) => {
    const item: NonNullable<ListOutput['Contents']>[number] = {
      Key: textOf(element(block, 'Key')),
      Size: Number(element(block, 'Size') ?? 0),
    };
    const etag = element(block, 'ETag');
    if (etag !== undefined) item.ETag = etag;
    const modified = element(block, 'LastModified');
    if (modified !== undefined) item.LastModified = new Date(modified);
    return item;
  });
  const output: ListOutput = {
    Contents: contents,
    CommonPrefixes: blocks(xml, 'CommonPrefixes').map((block) => ({
      Prefix: textOf(element(block, 'Prefix')),
    })),
    IsTruncated: (element(xml, 'IsTruncated') ?? 'false').trim() === 'true',
  };
  const token = element(xml, 'NextContinuationToken');
  if (token !== undefined) output.NextContinuationToken = token;
  return output;
}

/** The inner text of every `<name>…</name>` in `xml`, in order. */
function blocks(xml: string, name: string): string[] {
  const open = `<${name}>`;
  const close = `</${name}>`;
  const found: string[] = [];
  for (let at = xml.indexOf(open); at !== -1; at = xml.indexOf(open, at)) {
    const end = xml.indexOf(close, at + open.length);
    if (end === -1) throw new Error(`unexpected list response: <${name}> is not closed`);
    found.push(xml.slice(at + open.length, end));
    at = end + close.length;
  }
  return found;
}

/** The decoded text of the first `<name>` element in `xml` ('' when empty), else undefined. */
function element(xml: string, name: string): string | undefined {
  const open = `<${name}>`;
  const at = xml.indexOf(open);
  if (at === -1) return xml.includes(`<${name}/>`) ? '' : undefined;
  const end = xml.indexOf(`</${name}>`, at + open.length);
  if (end === -1) throw new Error(`unexpected list response: <${name}> is not closed`);
  return decodeEntities(xml.slice(at + open.length, end));
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's five named entities and numeric character references (AWS writes '\r' as &#13;). */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g,
    (_match, hex: string | undefined, decimal: string | undefined, name: string | undefined) =>
      hex !== undefined
        ? String.fromCodePoint(parseInt(hex, 16))
        : decimal !== undefined
          ? String.fromCodePoint(Number(decimal))
          : (NAMED[name as string] as string),
  );
}

/** A key is never undefined in the output. */
function textOf(value: string | undefined): string {
  return value ?? '';
}
