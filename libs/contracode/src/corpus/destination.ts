import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '@strata/cli';

/** Where a corpus is written: named objects under one root (a directory, later any store URI). */
export interface CorpusDestination {
  readonly uri: string;
  /** Atomic: a reader sees the whole object or none of it. */
  write(name: string, body: Buffer): Promise<void>;
  /** The object's bytes, or undefined when it does not exist. */
  read(name: string): Promise<Buffer | undefined>;
}

// Local paths only, until @strata/transfer's openStore lands; this file then becomes a thin adapter
// over openStore(uri) so the same code writes to s3:// and gs://.
export async function openCorpusDestination(uri: string): Promise<CorpusDestination> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri) && !uri.startsWith('file://')) {
    throw new UsageError(`'${uri}': only local paths and file:// URIs can hold a corpus until the object stores land`);
  }
  const root = uri.startsWith('file://') ? fileURLToPath(uri) : path.resolve(uri);
  return {
    uri,
    async write(name, body) {
      const target = path.join(root, name);
      await mkdir(path.dirname(target), { recursive: true });
      const temporary = `${target}.partial-${process.pid}`;
      await writeFile(temporary, body);
      await rename(temporary, target);
    },
    async read(name) {
      try {
        return await readFile(path.join(root, name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}
