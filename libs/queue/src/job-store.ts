import { createHash } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pathToFileURL } from 'node:url';
import { openStore, parseStoreUri, type ObjectStore } from '@strata/transfer';

/**
 * Where jobs' inputs and results live: any store @strata/transfer opens (s3://, gs://, file://, a
 * path on a shared mount). Inputs are content-addressed (`inputs/<sha256>`), results are named by
 * the job (`results/<job id>`), so a job that runs twice writes the same bytes to the same key.
 */
export class JobStore {
  private constructor(
    readonly uri: string,
    private readonly store: ObjectStore,
    private readonly prefix: string,
  ) {}

  /** `location`: a URI, or a local path (made absolute, so workers resolve it the same way). */
  static async open(location: string): Promise<JobStore> {
    const uri = /^[a-z][a-z0-9+.-]*:\/\//i.test(location) ? location : pathToFileURL(path.resolve(location)).href;
    const { store, key } = await openStore(uri);
    const prefix = key === '' || key.endsWith('/') ? key : `${key}/`;
    return new JobStore(uri.endsWith('/') ? uri : `${uri}/`, store, prefix);
  }

  /** Stores an input by its content; returns its URI. Writes nothing when it is already there. */
  async putInput(body: Uint8Array): Promise<string> {
    const name = `inputs/${createHash('sha256').update(body).digest('hex')}`;
    if ((await this.store.head(`${this.prefix}${name}`)) === null) await this.write(name, body);
    return `${this.uri}${name}`;
  }

  resultUri(id: string): string {
    return `${this.uri}results/${id}`;
  }

  async close(): Promise<void> {
    await this.store.close?.();
  }

  private async write(name: string, body: Uint8Array): Promise<void> {
    await this.store.write(`${this.prefix}${name}`, Readable.from([Buffer.from(body)]), { size: body.length });
  }
}

/** Reads, probes and writes objects by full URI (a job names its own input and output). */
export class UriStores {
  private readonly opened = new Map<string, Promise<ObjectStore>>();

  private async locate(uri: string): Promise<{ store: ObjectStore; key: string }> {
    const parsed = parseStoreUri(uri);
    // One store per scheme and bucket: clients hold connections worth reusing across jobs.
    const root = `${parsed.scheme}://${parsed.bucket}`;
    let opened = this.opened.get(root);
    if (!opened) {
      opened = openStore(`${root}/`).then(({ store }) => store);
      this.opened.set(root, opened);
    }
    return { store: await opened, key: parsed.key };
  }

  async exists(uri: string): Promise<boolean> {
    const { store, key } = await this.locate(uri);
    return (await store.head(key)) !== null;
  }

  /** The object's bytes; an Error naming the URI when it is missing. */
  async read(uri: string): Promise<Buffer> {
    const { store, key } = await this.locate(uri);
    if ((await store.head(key)) === null) throw new Error(`${uri} does not exist`);
    return buffer(await store.read(key));
  }

  /** Atomic (the store's write): a reader sees all of the result or none of it. */
  async write(uri: string, body: Uint8Array): Promise<void> {
    const { store, key } = await this.locate(uri);
    await store.write(key, Readable.from([Buffer.from(body)]), { size: body.length });
  }

  async close(): Promise<void> {
    for (const opened of this.opened.values()) await (await opened).close?.();
    this.opened.clear();
  }
}
