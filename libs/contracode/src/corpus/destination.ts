import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { openStore, type ObjectStore } from '@strata/transfer';

/** Where a corpus is written: named objects under one root (a directory, s3://, gs://). */
export interface CorpusDestination {
  readonly uri: string;
  /** Atomic: a reader sees the whole object or none of it. */
  write(name: string, body: Buffer): Promise<void>;
  /** The object's bytes, or undefined when it does not exist. */
  read(name: string): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

/**
 * The corpus root at `uri` in the object store the URI names (@strata/transfer's openStore: local
 * paths, file://, s3://, gs://). Each object is `<root>/<name>`.
 */
export async function openCorpusDestination(uri: string): Promise<CorpusDestination> {
  const { store, key } = await openStore(uri);
  const prefix = key === '' || key.endsWith('/') ? key : `${key}/`;
  return {
    uri,
    async write(name, body) {
      await store.write(`${prefix}${name}`, Readable.from([body]), { size: body.length });
    },
    read: (name) => readIfPresent(store, `${prefix}${name}`),
    close: async () => {
      await store.close?.();
    },
  };
}

async function readIfPresent(store: ObjectStore, key: string): Promise<Buffer | undefined> {
  if ((await store.head(key)) === null) return undefined;
  return buffer(await store.read(key));
}
