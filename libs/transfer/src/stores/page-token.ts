import { BadRequestError } from './errors.js';
import type { ObjectInfo, ObjectStore } from './types.js';

/** Where the next page starts, for backends whose listing has no native continuation token. */
export interface PageCursor {
  /** Last key returned. */
  after: string;
  /** Set when the page ended on a common prefix: skip everything inside it. */
  skip?: string;
}

export function encodePageToken(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodePageToken(token: string): PageCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as PageCursor).after === 'string'
    ) {
      const { after, skip } = value as PageCursor;
      return typeof skip === 'string' ? { after, skip } : { after };
    }
  } catch {
    // fall through to the error below
  }
  throw new BadRequestError(`invalid page token '${token}'`);
}

/** Every object under a prefix, page after page: the `list` of a store whose listing is paged. */
export async function* listAllPages(
  store: Pick<ObjectStore, 'listPage'>,
  prefix: string,
): AsyncIterable<ObjectInfo> {
  let pageToken: string | undefined;
  do {
    const page = await store.listPage(prefix, { pageToken });
    yield* page.objects;
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined);
}
