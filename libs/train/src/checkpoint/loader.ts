/**
 * Finding and loading checkpoints: newest first, only folders with a manifest, every shard's size
 * and SHA-256 checked. A damaged checkpoint is reported through `warn` and the previous one is
 * tried, so a truncated or bit-flipped shard costs some steps, never a wrong model.
 */
import { NotFoundError, type ObjectStore } from '@strata/transfer';
import {
  MANIFEST_FILE,
  manifestSchema,
  stepOfFolder,
  type CheckpointManifest,
  type HostTensor,
} from './format.js';
import { sha256Hex, unpackTensors } from './shards.js';
import { getObject } from '@strata/transfer';
import { checkpointRetryStrategy } from './upload.js';

export interface CheckpointEntry {
  step: number;
  /** Key of the folder, ending with '/'. */
  folder: string;
  /** The manifest exists: the checkpoint was committed (its shards are verified on load). */
  complete: boolean;
}

export interface LoadedCheckpoint {
  step: number;
  folder: string;
  manifest: CheckpointManifest;
  tensors: Map<string, HostTensor>;
}

/** Thrown for a checkpoint whose manifest or shards do not match what was committed. */
export class CheckpointCorruptError extends Error {
  constructor(folder: string, what: string) {
    super(`checkpoint ${folder}: ${what}`);
    this.name = 'CheckpointCorruptError';
  }
}

/** Every checkpoint folder under `prefix`, newest first. */
export async function listCheckpoints(
  store: ObjectStore,
  prefix: string,
): Promise<CheckpointEntry[]> {
  const folders: string[] = [];
  let pageToken: string | undefined;
  do {
    const page = await store.listPage(prefix, {
      delimiter: '/',
      ...(pageToken ? { pageToken } : {}),
    });
    folders.push(...page.prefixes);
    pageToken = page.nextPageToken;
  } while (pageToken);
  const entries: CheckpointEntry[] = [];
  for (const folder of folders) {
    const step = stepOfFolder(folder.slice(prefix.length));
    if (step === undefined) continue;
    const manifest = await store.head(`${folder}${MANIFEST_FILE}`);
    entries.push({ step, folder, complete: manifest !== null });
  }
  return entries.sort((a, b) => b.step - a.step);
}

/** The manifest of a folder, parsed and checked; CheckpointCorruptError when it is not one. */
export async function readManifest(
  store: ObjectStore,
  folder: string,
): Promise<CheckpointManifest> {
  let manifest: CheckpointManifest;
  try {
    const parsed = manifestSchema.safeParse(
      JSON.parse(
        (
          await getObject(
            { store, key: `${folder}${MANIFEST_FILE}` },
            { retry: checkpointRetryStrategy() },
          )
        ).toString('utf8'),
      ),
    );
    if (!parsed.success)
      throw new CheckpointCorruptError(
        folder,
        `manifest does not match the checkpoint format: ${parsed.error.issues[0]?.message ?? ''}`,
      );
    manifest = parsed.data;
  } catch (error) {
    if (error instanceof CheckpointCorruptError || error instanceof NotFoundError) throw error;
    if (error instanceof SyntaxError)
      throw new CheckpointCorruptError(folder, `manifest is not valid JSON (${error.message})`);
    throw error;
  }
  return manifest;
}

/** Loads and verifies one checkpoint folder; CheckpointCorruptError when it does not verify. */
export async function loadCheckpoint(
  store: ObjectStore,
  folder: string,
): Promise<LoadedCheckpoint> {
  const manifest = await readManifest(store, folder);
  const shards = new Map<string, Uint8Array>();
  for (const shard of manifest.shards) {
    let bytes: Buffer;
    try {
      bytes = await getObject(
        { store, key: `${folder}${shard.file}` },
        { retry: checkpointRetryStrategy() },
      );
    } catch (error) {
      if (error instanceof NotFoundError)
        throw new CheckpointCorruptError(folder, `shard ${shard.file} is missing`);
      throw error;
    }
    if (bytes.byteLength !== shard.size) {
      throw new CheckpointCorruptError(
        folder,
        `shard ${shard.file} has ${bytes.byteLength} bytes, the manifest says ${shard.size} (truncated?)`,
      );
    }
    const sha256 = await sha256Hex(bytes);
    if (sha256 !== shard.sha256) {
      throw new CheckpointCorruptError(
        folder,
        `shard ${shard.file} fails its SHA-256 check (corrupted)`,
      );
    }
    shards.set(shard.file, bytes);
  }
  let tensors: Map<string, HostTensor>;
  try {
    tensors = unpackTensors(manifest.tensors, shards);
  } catch (error) {
    throw new CheckpointCorruptError(folder, (error as Error).message);
  }
  return { step: manifest.step, folder, manifest, tensors };
}

/**
 * The newest checkpoint that verifies, or null when there is none. Each damaged one is reported
 * with `warn` before the previous is tried.
 */
export async function loadLatestCheckpoint(
  store: ObjectStore,
  prefix: string,
  warn: (message: string) => void,
): Promise<LoadedCheckpoint | null> {
  const entries = await listCheckpoints(store, prefix);
  for (const entry of entries) {
    if (!entry.complete) continue;
    try {
      return await loadCheckpoint(store, entry.folder);
    } catch (error) {
      if (!(error instanceof CheckpointCorruptError) && !(error instanceof NotFoundError))
        throw error;
      warn(`${(error as Error).message}; falling back to the previous checkpoint`);
    }
  }
  return null;
}
