/**
 * Finding and loading checkpoints: newest first, only folders with a manifest, every shard's size
 * and SHA-256 checked. A checkpoint that cannot be read or verified for any reason (a truncated or
 * bit-flipped shard, a store that reports a checksum mismatch on read, a missing object) is
 * damaged: it is reported and the previous one is tried, so damage costs some steps, never a
 * wrong model and never a blocked resume.
 */
import { NotFoundError, getObject, type ObjectStore } from '@strata/transfer';
import {
  MANIFEST_FILE,
  manifestSchema,
  stepOfFolder,
  type CheckpointManifest,
  type HostTensor,
} from './format.js';
import { sha256Hex, unpackTensors } from './shards.js';
import { checkpointReadRetryStrategy } from './upload.js';

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
  constructor(
    folder: string,
    readonly reason: string,
  ) {
    super(`checkpoint ${folder}: ${reason}`);
    this.name = 'CheckpointCorruptError';
  }
}

/** What `checkpoints ls --verify` and a resume know of one checkpoint folder. */
export type CheckpointState = 'complete' | 'damaged' | 'partial';

export interface DamagedCheckpoint {
  step: number;
  folder: string;
  reason: string;
}

/** The newest checkpoint that verifies (or null), and every newer one that did not. */
export interface ResumePoint {
  checkpoint: LoadedCheckpoint | null;
  damaged: DamagedCheckpoint[];
}

/** How messages name a checkpoint folder: as the user wrote the URI, not as the store keys it. */
export type FolderName = (folder: string) => string;

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
  name: string = folder,
): Promise<CheckpointManifest> {
  const bytes = await readVerified(store, folder, MANIFEST_FILE, name);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new CheckpointCorruptError(
      name,
      `manifest is not valid JSON (${(error as Error).message})`,
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new CheckpointCorruptError(
      name,
      `manifest does not match the checkpoint format: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  }
  return parsed.data;
}

/** One object of a checkpoint; any failure to read it (after retries) makes the checkpoint damaged. */
async function readVerified(
  store: ObjectStore,
  folder: string,
  file: string,
  name: string,
): Promise<Buffer> {
  try {
    return await getObject(
      { store, key: `${folder}${file}` },
      { retry: checkpointReadRetryStrategy() },
    );
  } catch (error) {
    if (error instanceof NotFoundError)
      throw new CheckpointCorruptError(name, `${file} is missing`);
    throw new CheckpointCorruptError(
      name,
      `${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Loads and verifies one checkpoint folder; CheckpointCorruptError when it does not verify. */
export async function loadCheckpoint(
  store: ObjectStore,
  folder: string,
  name: string = folder,
): Promise<LoadedCheckpoint> {
  const manifest = await readManifest(store, folder, name);
  const shards = new Map<string, Uint8Array>();
  for (const shard of manifest.shards) {
    const bytes = await readVerified(store, folder, shard.file, name);
    if (bytes.byteLength !== shard.size) {
      throw new CheckpointCorruptError(
        name,
        `shard ${shard.file} has ${bytes.byteLength} bytes, the manifest says ${shard.size} (truncated?)`,
      );
    }
    const sha256 = await sha256Hex(bytes);
    if (sha256 !== shard.sha256) {
      throw new CheckpointCorruptError(
        name,
        `shard ${shard.file} fails its SHA-256 check (corrupted)`,
      );
    }
    shards.set(shard.file, bytes);
  }
  let tensors: Map<string, HostTensor>;
  try {
    tensors = unpackTensors(manifest.tensors, shards);
  } catch (error) {
    throw new CheckpointCorruptError(name, (error as Error).message);
  }
  return { step: manifest.step, folder, manifest, tensors };
}

/**
 * The newest checkpoint that verifies, and the damaged ones newer than it (each also reported
 * with `warn` before the previous is tried). Folders without a manifest are not checkpoints.
 */
export async function findResumePoint(
  store: ObjectStore,
  prefix: string,
  warn: (message: string) => void,
  name: FolderName = (folder) => folder,
): Promise<ResumePoint> {
  const damaged: DamagedCheckpoint[] = [];
  for (const entry of await listCheckpoints(store, prefix)) {
    if (!entry.complete) continue;
    try {
      return { checkpoint: await loadCheckpoint(store, entry.folder, name(entry.folder)), damaged };
    } catch (error) {
      if (!(error instanceof CheckpointCorruptError)) throw error;
      damaged.push({ step: entry.step, folder: entry.folder, reason: error.reason });
      warn(`${error.message}; falling back to the previous checkpoint`);
    }
  }
  return { checkpoint: null, damaged };
}

/** The newest checkpoint that verifies, or null when there is none (see findResumePoint). */
export async function loadLatestCheckpoint(
  store: ObjectStore,
  prefix: string,
  warn: (message: string) => void,
): Promise<LoadedCheckpoint | null> {
  return (await findResumePoint(store, prefix, warn)).checkpoint;
}
