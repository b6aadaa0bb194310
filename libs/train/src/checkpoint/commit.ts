/**
 * Writes one checkpoint and applies retention: the I/O half of the writer, run either on the
 * training thread or in the writer's worker thread (write-worker.ts).
 *
 * Commit protocol, per checkpoint folder: remove a stale manifest (a rewrite of the same step
 * after a resume must never pair an old manifest with new shards), write every shard, write the
 * manifest last. Then retention: keep the one just written and the newest N-1 complete checkpoints
 * of lower steps. Checkpoints of higher steps are never retention's to delete: they are not older
 * than this run's newest (after a fall-back past damage the run rewrites them when it gets
 * there). An expired one is deleted manifest first (so a half-deleted one is never complete),
 * then its shards; folders without a manifest other than the one just written are orphans of a
 * killed writer and are removed.
 */
import { rmdir } from 'node:fs/promises';
import { putObject, type ObjectStore, type RetryStrategy } from '@strata/transfer';

/** Runs one store operation under the checkpoint's retry strategy, reporting each retry. */
export type Retrying = <T>(what: string, operation: () => Promise<T>) => Promise<T>;
import {
  CHECKPOINT_FORMAT,
  MANIFEST_FILE,
  checkpointFolder,
  type CheckpointManifest,
} from './format.js';
import { listCheckpoints } from './loader.js';
import { sha256Hex, type PackedShard } from './shards.js';
import { checkpointRetryStrategy } from './upload.js';

export interface CheckpointSnapshot {
  step: number;
  shards: PackedShard[];
  /** JSON the trainer owns: RNG state, loader position, metrics, run metadata. */
  state: Record<string, unknown>;
}

export type WriterEvent =
  | { type: 'write-start'; step: number; bytes: number }
  | { type: 'committed'; step: number; bytes: number; seconds: number }
  | { type: 'skipped'; step: number; inFlightStep: number }
  | { type: 'shard-written'; step: number; file: string; bytes: number }
  | { type: 'retry'; step: number; what: string; error: string; delayMs: number }
  | { type: 'deleted'; step: number; reason: 'retention' | 'orphan' }
  | { type: 'failed'; step: number; error: string };

/** The settings of the I/O half (plain data: they cross into the worker). */
export interface CommitOptions {
  keepLast: number;
  multipartThreshold?: number;
  partSize?: number;
  /** Retry settings for tests; defaults suit a server restart. */
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
}

export async function commitCheckpoint(
  store: ObjectStore,
  prefix: string,
  snapshot: CheckpointSnapshot,
  options: CommitOptions,
  emit: (event: WriterEvent) => void,
): Promise<void> {
  const started = performance.now();
  const bytes = snapshot.shards.reduce((sum, shard) => sum + shard.bytes.byteLength, 0);
  emit({ type: 'write-start', step: snapshot.step, bytes });
  const folder = `${prefix}${checkpointFolder(snapshot.step)}/`;
  const retry = checkpointRetryStrategy(options.retry);
  const onRetry = (what: string, error: unknown, delayMs: number): void =>
    emit({ type: 'retry', step: snapshot.step, what, error: describe(error), delayMs });
  const retrying = retryingWith(retry, onRetry);
  const upload = {
    retry,
    onRetry,
    multipartThreshold: options.multipartThreshold,
    partSize: options.partSize,
  };

  await retrying(`remove a stale ${folder}${MANIFEST_FILE}`, () =>
    store.delete(`${folder}${MANIFEST_FILE}`),
  );
  const shardEntries = [];
  for (const shard of snapshot.shards) {
    // Hash (thread pool) while the bytes are sent: the manifest needs the digest only at the end.
    const [sha256] = await Promise.all([
      sha256Hex(shard.bytes),
      putObject({ store, key: `${folder}${shard.file}` }, shard.bytes, upload),
    ]);
    const size = shard.bytes.byteLength;
    shardEntries.push({ file: shard.file, size, sha256 });
    // Written: let it go, so a checkpoint of many shards holds less memory as it goes.
    shard.bytes = new Uint8Array(0);
    emit({ type: 'shard-written', step: snapshot.step, file: shard.file, bytes: size });
  }
  const manifest: CheckpointManifest = {
    format: CHECKPOINT_FORMAT,
    step: snapshot.step,
    createdAt: new Date().toISOString(),
    shards: shardEntries,
    tensors: snapshot.shards.flatMap((shard) => shard.tensors),
    state: snapshot.state,
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest)}\n`);
  await putObject({ store, key: `${folder}${MANIFEST_FILE}` }, manifestBytes, upload);
  emit({
    type: 'committed',
    step: snapshot.step,
    bytes,
    seconds: (performance.now() - started) / 1000,
  });
  await collect(store, prefix, snapshot.step, options.keepLast, retrying, emit);
}

async function collect(
  store: ObjectStore,
  prefix: string,
  current: number,
  keepLast: number,
  retrying: Retrying,
  emit: (event: WriterEvent) => void,
): Promise<void> {
  const all = await retrying(`list ${prefix}`, () => listCheckpoints(store, prefix));
  const expired = all.filter((c) => c.complete && c.step < current).slice(keepLast - 1);
  const orphans = all.filter((c) => !c.complete && c.step !== current);
  for (const old of expired) {
    await deleteCheckpoint(store, old.folder, retrying);
    emit({ type: 'deleted', step: old.step, reason: 'retention' });
  }
  for (const orphan of orphans) {
    await deleteCheckpoint(store, orphan.folder, retrying);
    emit({ type: 'deleted', step: orphan.step, reason: 'orphan' });
  }
}

/**
 * Deletes a checkpoint folder: the manifest first (a half-deleted checkpoint is never complete),
 * then every other object, then (local disk) the empty directory the store leaves behind.
 */
export async function deleteCheckpoint(
  store: ObjectStore,
  folder: string,
  retrying: Retrying,
): Promise<void> {
  await retrying(`delete ${folder}${MANIFEST_FILE}`, () =>
    store.delete(`${folder}${MANIFEST_FILE}`),
  );
  const keys = await retrying(`list ${folder}`, async () => {
    const found: string[] = [];
    for await (const object of store.list(folder)) found.push(object.key);
    return found;
  });
  for (const key of keys) await retrying(`delete ${key}`, () => store.delete(key));
  // Object stores have no folders; the local store keeps the directory of deleted files.
  if (store.uri.startsWith('file:')) {
    await rmdir(`/${folder}`).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT' && error.code !== 'ENOTEMPTY') throw error;
    });
  }
}

/** Runs store operations under `retry`; `onRetry` hears each retry. */
export function retryingWith(
  retry: RetryStrategy,
  onRetry: (what: string, error: unknown, delayMs: number) => void,
): Retrying {
  return (what, operation) =>
    retry.run(operation, (event) => onRetry(what, event.error, event.delayMs));
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
