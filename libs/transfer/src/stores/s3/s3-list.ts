/**
 * ListObjectsV2 over the signed HTTP path (s3-http.ts) instead of the SDK, so that a download or
 * a listing does not load @aws-sdk/client-s3 at all. The request carries the same parameters as
 * the SDK's ListObjectsV2Command and the answer is returned in the SDK's output shape.
 */
import { XMLParser } from 'fast-xml-parser';

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

// Keys are text exactly as stored: no number parsing ("007"), no trimming (" a "), one array
// even for one entry.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  isArray: (_name, path) =>
    path === 'ListBucketResult.Contents' || path === 'ListBucketResult.CommonPrefixes',
});

type Text = string | undefined;

/** Parses a ListBucketResult document; anything else is an error naming what arrived. */
export function parseListResponse(xml: string): ListOutput {
  const document = parser.parse(xml) as {
    ListBucketResult?: {
      Contents?: { Key?: Text; Size?: Text; ETag?: Text; LastModified?: Text }[];
      CommonPrefixes?: { Prefix?: Text }[];
      IsTruncated?: Text;
      NextContinuationToken?: Text;
    };
  };
  const result = document.ListBucketResult;
  if (result === undefined || typeof result !== 'object')
    throw new Error(`unexpected list response: ${xml.slice(0, 200)}`);
  const output: ListOutput = {
    Contents: (result.Contents ?? []).map((entry) => {
      const item: NonNullable<ListOutput['Contents']>[number] = {
        Key: textOf(entry.Key),
        Size: Number(entry.Size ?? 0),
      };
      if (entry.ETag !== undefined) item.ETag = String(entry.ETag);
      if (entry.LastModified !== undefined)
        item.LastModified = new Date(String(entry.LastModified));
      return item;
    }),
    CommonPrefixes: (result.CommonPrefixes ?? []).map((entry) => ({
      Prefix: textOf(entry.Prefix),
    })),
    IsTruncated: String(result.IsTruncated ?? 'false').trim() === 'true',
  };
  if (result.NextContinuationToken !== undefined)
    output.NextContinuationToken = textOf(result.NextContinuationToken);
  return output;
}

/** An empty element parses as '' (or is absent); a key is never undefined in the output. */
function textOf(value: Text): string {
  return value === undefined ? '' : String(value);
}
