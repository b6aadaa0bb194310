/**
 * The background checkpoint writer (DataStates-LLM / CheckFreq): the trainer hands over a
 * snapshot already copied into host memory and goes on training while this writes it.
 *
 * Commit protocol, per checkpoint folder: remove a stale manifest (a rewrite of the same step
 * after a resume must never pair an old manifest with new shards), write every shard, write the
 * manifest last. Then retention: keep the newest N complete checkpoints; an older one is deleted
 * manifest first (so a half-deleted one is never complete), then its shards; folders without a
 * manifest other than the one being written are orphans of a killed writer and are removed.
 *
 * At most one write is in flight. When the next checkpoint is due before it finishes the policy
 * decides: 'wait' (default) blocks the step until the write is done, then snapshots, so no
 * checkpoint is lost; 'skip' drops the new checkpoint and training goes on.
 */
import type { ObjectStore } from '@strata/transfer';
import {
  CHECKPOINT_FORMAT,
  MANIFEST_FILE,
  checkpointFolder,
  type CheckpointManifest,
} from './format.js';
import { listCheckpoints } from './loader.js';
import { sha256Hex, type PackedShard } from './shards.js';
import { checkpointRetryStrategy, putBuffer } from './upload.js';

export type InFlightPolicy = 'wait' | 'skip';

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
  | { type: 'retry'; step: number; what: string; error: string; delayMs: number }
  | { type: 'deleted'; step: number; reason: 'retention' | 'orphan' }
  | { type: 'failed'; step: number; error: string };

export interface WriterOptions {
  keepLast: number;
  inFlight: InFlightPolicy;
  onEvent?: (event: WriterEvent) => void;
  multipartThreshold?: number;
  partSize?: number;
  /** Retry settings for tests; defaults suit a server restart. */
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
}

export class CheckpointWriter {
  private inFlight: { step: number; done: Promise<void> } | undefined;
  private lastError: unknown;
  private committed: number | undefined;

  constructor(
    private readonly store: ObjectStore,
    /** Folder of the run's checkpoints inside the store; '' or ends with '/'. */
    private readonly prefix: string,
    private readonly options: WriterOptions,
  ) {}

  /** Step of the newest checkpoint this writer committed. */
  get lastCommittedStep(): number | undefined {
    return this.committed;
  }

  get busy(): boolean {
    return this.inFlight !== undefined;
  }

  /**
   * Called at a checkpoint boundary, before the snapshot is taken (the snapshot costs a copy of
   * the model: skip it when it would be dropped). Resolves once a snapshot may be taken:
   * 'take' (write starts after `submit`), or 'skip' when the policy drops this checkpoint.
   */
  async ready(step: number): Promise<'take' | 'skip'> {
    if (!this.inFlight) return 'take';
    if (this.options.inFlight === 'skip') {
      this.options.onEvent?.({ type: 'skipped', step, inFlightStep: this.inFlight.step });
      return 'skip';
    }
    await this.inFlight.done;
    return 'take';
  }

  /** Starts the background write of a snapshot; call `ready` first. */
  submit(snapshot: CheckpointSnapshot): void {
    if (this.inFlight)
      throw new Error('a checkpoint write is already in flight: await ready() first');
    const done = this.write(snapshot).then(
      () => {
        this.committed = snapshot.step;
      },
      (error: unknown) => {
        this.lastError = error;
        this.options.onEvent?.({ type: 'failed', step: snapshot.step, error: describe(error) });
      },
    );
    this.inFlight = {
      step: snapshot.step,
      done: done.finally(() => {
        this.inFlight = undefined;
      }),
    };
  }

  /** Waits for the write in flight; throws if it (or any earlier write) failed. */
  async flush(): Promise<void> {
    await this.inFlight?.done;
    if (this.lastError !== undefined) {
      const error = this.lastError;
      this.lastError = undefined;
      throw error;
    }
  }

  private async write(snapshot: CheckpointSnapshot): Promise<void> {
    const started = performance.now();
    const bytes = snapshot.shards.reduce((sum, shard) => sum + shard.bytes.byteLength, 0);
    this.options.onEvent?.({ type: 'write-start', step: snapshot.step, bytes });
    const folder = `${this.prefix}${checkpointFolder(snapshot.step)}/`;
    const retry = checkpointRetryStrategy(this.options.retry);
    const onRetry = (what: string, error: unknown, delayMs: number): void =>
      this.options.onEvent?.({
        type: 'retry',
        step: snapshot.step,
        what,
        error: describe(error),
        delayMs,
      });
    const upload = {
      retry,
      onRetry,
      multipartThreshold: this.options.multipartThreshold,
      partSize: this.options.partSize,
    };

    await retry.run(() => this.store.delete(`${folder}${MANIFEST_FILE}`));
    const shardEntries = [];
    for (const shard of snapshot.shards) {
      const sha256 = await sha256Hex(shard.bytes);
      await putBuffer(this.store, `${folder}${shard.file}`, shard.bytes, upload);
      shardEntries.push({ file: shard.file, size: shard.bytes.byteLength, sha256 });
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
    await putBuffer(this.store, `${folder}${MANIFEST_FILE}`, manifestBytes, upload);
    this.options.onEvent?.({
      type: 'committed',
      step: snapshot.step,
      bytes,
      seconds: (performance.now() - started) / 1000,
    });
    await this.collect(snapshot.step, retry);
  }

  /** Retention and orphan collection after a commit. */
  private async collect(
    current: number,
    retry: ReturnType<typeof checkpointRetryStrategy>,
  ): Promise<void> {
    const all = await retry.run(() => listCheckpoints(this.store, this.prefix));
    const complete = all.filter((c) => c.complete);
    const expired = complete.slice(this.options.keepLast);
    const orphans = all.filter((c) => !c.complete && c.step !== current);
    for (const old of expired) {
      await retry.run(() => this.store.delete(`${old.folder}${MANIFEST_FILE}`));
      await this.deleteFolder(old.folder, retry);
      this.options.onEvent?.({ type: 'deleted', step: old.step, reason: 'retention' });
    }
    for (const orphan of orphans) {
      await this.deleteFolder(orphan.folder, retry);
      this.options.onEvent?.({ type: 'deleted', step: orphan.step, reason: 'orphan' });
    }
  }

  private async deleteFolder(
    folder: string,
    retry: ReturnType<typeof checkpointRetryStrategy>,
  ): Promise<void> {
    const keys = await retry.run(async () => {
      const found: string[] = [];
      for await (const object of this.store.list(folder)) found.push(object.key);
      return found;
    });
    for (const key of keys) await retry.run(() => this.store.delete(key));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
