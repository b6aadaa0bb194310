/**
 * What a run checks about its checkpoint location before its first step: that it can write there
 * (a probe object written and deleted, within a time limit), and that the folder holds no other
 * run's checkpoints it would mix with. A location that cannot hold checkpoints stops the run at
 * once instead of after hours of training that no checkpoint protects.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { FailureError, UsageError } from '@strata/cli';
import { classifyFailure, putObject } from '@strata/transfer';
import { deleteCheckpoint, describe, retryingWith } from './commit.js';
import { MANIFEST_FILE } from './format.js';
import { listCheckpoints, type CheckpointEntry } from './loader.js';
import { displayKey, displayMessage, type CheckpointLocation } from './location.js';
import { checkpointRetryStrategy } from './upload.js';

/**
 * Writes and deletes a probe object under the run's prefix. Permanent refusals (not a directory,
 * no permission, no such bucket) are bad input: exit 2; an unreachable store or a write that does
 * not finish within `timeoutMs` is a failure: exit 1 (a supervisor may try again).
 */
export async function checkWritable(
  location: CheckpointLocation,
  timeoutMs: number,
): Promise<void> {
  const probe = `${location.prefix}write-probe-${process.pid}-${randomBytes(4).toString('hex')}`;
  const attempt = async (): Promise<void> => {
    if (location.store.uri.startsWith('file:')) await makeLocalDirectory(`/${location.prefix}`);
    const retry = checkpointRetryStrategy({ maxAttempts: 3 });
    await putObject({ store: location.store, key: probe }, Buffer.from('probe\n'), { retry });
    await location.store.delete(probe);
  };
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new FailureError(
            `--checkpoint ${location.uri}: a test write did not finish within ${timeoutMs / 1000} s (see --checkpoint-timeout)`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([attempt(), expired]);
  } catch (error) {
    if (error instanceof UsageError || error instanceof FailureError) throw error;
    const why = displayMessage(location, describe(error));
    if (classifyFailure(error) === 'permanent') {
      throw new UsageError(
        `--checkpoint ${location.uri} cannot hold checkpoints (${why}): choose a writable location`,
      );
    }
    throw new FailureError(`--checkpoint ${location.uri}: a test write failed (${why})`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Creates a local directory one level at a time. Node's recursive mkdir never returns under
 * /proc (ENOENT from a parent that exists sends it round again), so it is not used here.
 */
async function makeLocalDirectory(path: string): Promise<void> {
  const parts = path.split('/').filter((part) => part !== '');
  let current = '';
  for (const part of parts) {
    current = `${current}/${part}`;
    const info = await stat(current).catch(() => undefined);
    if (info?.isDirectory()) continue;
    if (info) throw new UsageError(`--checkpoint: ${current} is a file, not a directory (ENOTDIR)`);
    await mkdir(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return;
      throw new UsageError(
        `--checkpoint: cannot create the directory ${current} (${error.code ?? error.message})`,
      );
    });
  }
}

/** Checkpoints already under the run's prefix (complete or not), newest first. */
export function existingCheckpoints(location: CheckpointLocation): Promise<CheckpointEntry[]> {
  return listCheckpoints(location.store, location.prefix);
}

/** Steps as a short list for a one-line message: `380, 390, 400` or `10, 20, …, 400 (41)`. */
export function stepList(steps: number[]): string {
  const sorted = [...steps].sort((a, b) => a - b);
  if (sorted.length <= 5) return sorted.join(', ');
  return `${sorted.slice(0, 2).join(', ')}, …, ${sorted.at(-1)} (${sorted.length})`;
}

/** `--overwrite`: deletes every checkpoint under the prefix, every manifest before any shard. */
export async function removeCheckpoints(
  location: CheckpointLocation,
  entries: CheckpointEntry[],
  log: (line: string) => void,
): Promise<void> {
  const retrying = retryingWith(checkpointRetryStrategy(), (what, error, delayMs) =>
    log(`checkpoint: retrying ${what} in ${delayMs} ms after: ${describe(error)}`),
  );
  // All manifests first: a run killed halfway through leaves no complete checkpoint of the old run.
  for (const entry of entries) {
    await retrying(`delete ${entry.folder}${MANIFEST_FILE}`, () =>
      location.store.delete(`${entry.folder}${MANIFEST_FILE}`),
    );
  }
  for (const entry of entries) await deleteCheckpoint(location.store, entry.folder, retrying);
  log(
    `--overwrite: deleted ${entries.length} checkpoint folder(s) under ${displayKey(location, location.prefix)} (steps ${stepList(entries.map((e) => e.step))})`,
  );
}
