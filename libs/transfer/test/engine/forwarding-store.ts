/**
 * A store that forwards every call to another one under a URI of its own. It is not a LocalStore,
 * so the engine's local fast paths stay out of the way, and a test overrides only the calls it
 * changes (what a remote server reports, an answer lost) while real files stand behind the rest.
 */
import type { Readable } from 'node:stream';
import type {
  ByteRange,
  CompletedPart,
  ListPage,
  ListPageOptions,
  MultipartOptions,
  MultipartUploads,
  ObjectInfo,
  ObjectStore,
  StoreFeatures,
  WriteOptions,
} from '../../src/stores/types.js';

export class ForwardingStore implements ObjectStore {
  readonly features: StoreFeatures;
  readonly multipart: MultipartUploads = this;

  constructor(
    readonly uri: string,
    protected readonly inner: ObjectStore,
    features: Partial<StoreFeatures> = {},
  ) {
    // No server-side copy: `copy` is not forwarded.
    this.features = { ...inner.features, serverSideCopy: false, ...features };
  }

  listPage(prefix: string, opts?: ListPageOptions): Promise<ListPage> {
    return this.inner.listPage(prefix, opts);
  }
  list(prefix: string): AsyncIterable<ObjectInfo> {
    return this.inner.list(prefix);
  }
  head(key: string): Promise<ObjectInfo | null> {
    return this.inner.head(key);
  }
  read(key: string, range?: ByteRange): Promise<Readable> {
    return this.inner.read(key, range);
  }
  write(key: string, body: Readable, opts?: WriteOptions): Promise<ObjectInfo> {
    return this.inner.write(key, body, opts);
  }
  createMultipart(key: string, opts?: MultipartOptions): Promise<string> {
    return this.innerUploads.createMultipart(key, opts);
  }
  uploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: Readable | Uint8Array,
    size: number,
  ): Promise<CompletedPart> {
    return this.innerUploads.uploadPart(key, uploadId, partNumber, body, size);
  }
  completeMultipart(key: string, uploadId: string, parts: CompletedPart[]): Promise<ObjectInfo> {
    return this.innerUploads.completeMultipart(key, uploadId, parts);
  }
  abortMultipart(key: string, uploadId: string): Promise<void> {
    return this.innerUploads.abortMultipart(key, uploadId);
  }
  private get innerUploads(): MultipartUploads {
    if (!this.inner.multipart) throw new Error(`${this.inner.uri} takes no uploads in parts`);
    return this.inner.multipart;
  }
  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }
}
