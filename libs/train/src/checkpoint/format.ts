/**
 * The checkpoint layout. A checkpoint is a folder `<root>/ckpt-<step, 12 digits>/` holding binary
 * shards and `manifest.json`, written last: a folder without its manifest does not exist.
 *
 *   manifest.json  { format, step, createdAt, shards: [{file, size, sha256}],
 *                    tensors: [{name, dtype, shape, shard, offset, byteLength}], state }
 *
 * Shards hold the tensors' raw little-endian bytes back to back; `state` is JSON the trainer
 * owns (RNG state, data-loader position, metrics, run metadata).
 */
import { z } from 'zod';

export const CHECKPOINT_FORMAT = 'strata-checkpoint/1';
export const MANIFEST_FILE = 'manifest.json';
const STEP_DIGITS = 12;
const FOLDER = /^ckpt-(\d{12})$/;

export type HostDtype = 'float32' | 'int32';

/** One tensor copied into host memory: what a snapshot holds and what a load returns. */
export interface HostTensor {
  name: string;
  dtype: HostDtype;
  shape: number[];
  /** Raw bytes (little-endian, as typed arrays hold them). */
  bytes: Uint8Array;
}

const tensorEntry = z.object({
  name: z.string().min(1),
  dtype: z.enum(['float32', 'int32']),
  shape: z.array(z.number().int().nonnegative()),
  shard: z.string().min(1),
  offset: z.number().int().nonnegative(),
  byteLength: z.number().int().nonnegative(),
});

const shardEntry = z.object({
  file: z.string().regex(/^[a-z0-9][a-z0-9._-]*\.bin$/),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  step: z.number().int().nonnegative(),
  createdAt: z.string(),
  shards: z.array(shardEntry),
  tensors: z.array(tensorEntry),
  state: z.record(z.string(), z.unknown()),
});

export type CheckpointManifest = z.infer<typeof manifestSchema>;
export type ShardEntry = z.infer<typeof shardEntry>;
export type TensorEntry = z.infer<typeof tensorEntry>;

export function checkpointFolder(step: number): string {
  return `ckpt-${String(step).padStart(STEP_DIGITS, '0')}`;
}

/** The step of a folder name (`ckpt-000000000120` or with a trailing '/'), else undefined. */
export function stepOfFolder(name: string): number | undefined {
  const match = FOLDER.exec(name.replace(/\/$/, ''));
  return match ? Number(match[1]) : undefined;
}

/** A prefix inside a store that always ends with '/' (or is '' for the whole bucket). */
export function asPrefix(key: string): string {
  return key === '' || key.endsWith('/') ? key : `${key}/`;
}
