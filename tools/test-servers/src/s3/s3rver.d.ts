// The parts of s3rver 3.x (which ships no types) that the launcher uses. S3rver is a Koa app.
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';

  export interface S3rverObject {
    key: string;
    size: number;
    lastModifiedDate: Date;
    metadata: Record<string, string>;
  }

  /** s3rver's FilesystemStore (lib/stores/filesystem.js). */
  export interface S3rverStore {
    getBucket(name: string): Promise<unknown>;
    listObjects(
      bucket: string,
      options: { prefix?: string; startAfter?: string; maxKeys: number; delimiter?: string },
    ): Promise<{ objects: S3rverObject[]; commonPrefixes: string[]; isTruncated: boolean }>;
    getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  }

  export interface KoaContext {
    method: string;
    path: string;
    query: Record<string, string | string[] | undefined>;
    headers: Record<string, string | string[] | undefined>;
    status: number;
    body: unknown;
    type: string;
    length: number;
    /** A request header. */
    get(field: string): string;
    /** Route parameters s3rver's router fills (`bucket`, `key`); its middlewares read them. */
    params?: Record<string, string>;
    /** Sets a response header. */
    set(field: string, value: string): void;
    response: { get(field: string): string };
  }

  export type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

  export interface S3rverOptions {
    address?: string;
    port?: number;
    directory?: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    configureBuckets?: { name: string; configs?: string[] }[];
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    /** Koa's middleware list; composed when the server starts listening. */
    middleware: KoaMiddleware[];
    store: S3rverStore;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}

declare module 's3rver/lib/middleware/authentication.js' {
  import type { KoaMiddleware } from 's3rver';
  /** s3rver's request authentication (access key known, signature valid), as its router runs it. */
  export default function authentication(): KoaMiddleware;
}
