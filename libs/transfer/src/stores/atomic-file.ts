/**
 * The one way a file appears whole or not at all: written to a hidden temporary file beside the
 * target, then renamed over it. Durable (the resume manifest always; the local store's objects
 * when it was opened with `fsync`): the file is fsynced before the rename and its directory after
 * it, so after a power loss the new name points at the whole new bytes, not at an empty file.
 */
import { closeSync, fsyncSync, openSync, renameSync } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tempPathBeside } from './local/key-paths.js';

/** fsync of a file or directory by path (a directory's makes a rename inside it durable). */
export async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Renames a finished temporary file into place (durable: its bytes were fsynced by the writer;
 * the directory is fsynced after the rename).
 */
export async function renameIntoPlace(
  temp: string,
  target: string,
  durable: boolean,
): Promise<void> {
  await rename(temp, target);
  if (durable) await syncFile(dirname(target));
}

/** renameIntoPlace with direct system calls (the local copy's small files, nothing awaits). */
export function renameIntoPlaceSync(temp: string, target: string, durable: boolean): void {
  renameSync(temp, target);
  if (!durable) return;
  const fd = openSync(dirname(target), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes every chunk at its offset (writev; a short write continues where it stopped). */
async function writeAll(out: FileHandle, chunks: readonly Buffer[]): Promise<void> {
  let position = 0;
  let pending = chunks;
  while (pending.length > 0) {
    const { bytesWritten } = await out.writev(pending as Buffer[], position);
    position += bytesWritten;
    let skip = bytesWritten;
    const rest: Buffer[] = [];
    for (const chunk of pending) {
      if (skip >= chunk.length) skip -= chunk.length;
      else {
        rest.push(skip > 0 ? chunk.subarray(skip) : chunk);
        skip = 0;
      }
    }
    pending = rest;
  }
}

export interface WriteFileAtomicOptions {
  /** fsync the file before and its directory after the rename. Default true. */
  durable?: boolean;
  /** Create the parent directories first. Default true. */
  makeParents?: boolean;
  /** The temporary file's path (a caller that sweeps its own leftovers names them). Default: hidden, beside the target. */
  tempPath?: string;
}

/**
 * Writes `data` (text, bytes, or the chunks that arrived) at `target`, atomically; on any failure
 * the temporary file is removed and the target is untouched.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array | readonly Buffer[],
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const durable = options.durable ?? true;
  if (options.makeParents ?? true) await mkdir(dirname(target), { recursive: true });
  const temp = options.tempPath ?? tempPathBeside(target);
  try {
    const out = await open(temp, 'wx');
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await out.writeFile(data);
      else await writeAll(out, data);
      if (durable) await out.sync();
    } finally {
      await out.close();
    }
    await renameIntoPlace(temp, target, durable);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
