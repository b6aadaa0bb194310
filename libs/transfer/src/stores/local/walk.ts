import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ObjectInfo } from '../types.js';
import { compareKeys, prefixDirectory, RESERVED_PREFIX } from './key-paths.js';

export interface WalkOptions {
  prefix: string;
  /** Yield only keys strictly greater than this. */
  startAfter?: string;
  /** Skip every key starting with this (a common prefix already returned). */
  skipPrefix?: string;
}

interface Entry {
  name: string;
  isDirectory: boolean;
  /** name, plus '/' for directories: sorting siblings by this yields keys in global byte order. */
  sortName: string;
}

/**
 * Every file under `root` whose key starts with `prefix`, in UTF-8 byte order of keys, without
 * reading whole trees: it starts at the prefix's directory and prunes subtrees that lie entirely
 * before `startAfter`, inside `skipPrefix` or outside the prefix.
 */
export async function* walkObjects(root: string, options: WalkOptions): AsyncGenerator<ObjectInfo> {
  yield* walkDirectory(root, prefixDirectory(options.prefix), options);
}

async function* walkDirectory(
  root: string,
  dirKey: string,
  options: WalkOptions,
): AsyncGenerator<ObjectInfo> {
  const { prefix, startAfter, skipPrefix } = options;
  // Consecutive files are stat'ed together (one serial stat per file was most of a listing of
  // many small files) and yielded in order; a directory flushes the batch, keeping key order.
  let batch: string[] = [];
  for (const entry of await readEntries(join(root, dirKey))) {
    const key = dirKey + entry.name;
    if (entry.isDirectory) {
      const sub = `${key}/`;
      if (!sub.startsWith(prefix) && !prefix.startsWith(sub)) continue;
      if (skipPrefix !== undefined && sub.startsWith(skipPrefix)) continue;
      if (
        startAfter !== undefined &&
        compareKeys(sub, startAfter) <= 0 &&
        !startAfter.startsWith(sub)
      )
        continue;
      yield* statBatch(root, batch);
      batch = [];
      yield* walkDirectory(root, sub, options);
      continue;
    }
    if (!key.startsWith(prefix)) continue;
    if (startAfter !== undefined && compareKeys(key, startAfter) <= 0) continue;
    if (skipPrefix !== undefined && key.startsWith(skipPrefix)) continue;
    batch.push(key);
    if (batch.length === STAT_BATCH) {
      yield* statBatch(root, batch);
      batch = [];
    }
  }
  yield* statBatch(root, batch);
}

/** Stats in one batch: enough to keep libuv's 4 threads busy, few wasted when a page ends early. */
const STAT_BATCH = 64;

async function* statBatch(root: string, keys: string[]): AsyncGenerator<ObjectInfo> {
  const infos = await Promise.all(keys.map((key) => stat(join(root, key)).catch(() => undefined)));
  for (const [index, info] of infos.entries()) {
    if (!info?.isFile()) continue; // vanished since readdir, or a dangling link
    yield {
      key: keys[index] as string,
      size: info.size,
      lastModified: info.mtime,
      etag: localEtag(info.mtimeMs, info.size),
    };
  }
}

async function readEntries(dir: string): Promise<Entry[]> {
  let dirents: Dirent[];
  try {
    dirents = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
  const entries: Entry[] = [];
  for (const dirent of dirents) {
    if (dirent.name.startsWith(RESERVED_PREFIX)) continue;
    const isDirectory = dirent.isDirectory();
    if (dirent.isSymbolicLink()) {
      // Links to files are objects; links to directories are not followed (a link to an
      // ancestor would make the walk endless), as rclone does by default.
      const target = await stat(join(dir, dirent.name)).catch(() => undefined);
      if (!target?.isFile()) continue;
    } else if (!isDirectory && !dirent.isFile()) {
      continue; // sockets, fifos, devices are not objects
    }
    entries.push({
      name: dirent.name,
      isDirectory,
      sortName: isDirectory ? `${dirent.name}/` : dirent.name,
    });
  }
  return entries.sort((a, b) => compareKeys(a.sortName, b.sortName));
}

/** Changes whenever the file is rewritten (rename gives a new mtime): enough to detect a change. */
export function localEtag(mtimeMs: number, size: number): string {
  return `${Math.floor(mtimeMs * 1000).toString(16)}-${size.toString(16)}`;
}
