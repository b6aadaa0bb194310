/**
 * Host-memory shards: tensors' bytes copied back to back into one buffer (the snapshot, taken
 * while the step waits), and the reverse view when a checkpoint is loaded.
 */
import { webcrypto } from 'node:crypto';
import type { HostDtype, HostTensor, TensorEntry } from './format.js';

export interface TensorValues {
  name: string;
  dtype: HostDtype;
  shape: number[];
  values: Float32Array | Int32Array;
  /**
   * Set when `values` is the backend's own array (TF.js cpu): the tensor's data id, so a later
   * look can tell whether the backend still uses the array. Absent: the caller owns `values`.
   */
  backendData?: object;
}

/** A tensor at least this large gets a shard of its own, which may be handed over without a copy. */
export const OWN_SHARD_BYTES = 4 * 1024 * 1024;

/**
 * The shards of one group of tensors (`weights`, `optimizer`): each tensor of OWN_SHARD_BYTES or
 * more in its own shard `<base>-<index>.bin`, the others packed (copied) into `<base>.bin`. A
 * large tensor's bytes are used in place when `mayKeep` says the caller owns them (nothing will
 * change or reuse them), else copied. Every shard's bytes span a whole ArrayBuffer, so the
 * writer can transfer them to its thread.
 */
export function planShards(
  base: string,
  tensors: TensorValues[],
  mayKeep: (tensor: TensorValues) => boolean,
): PackedShard[] {
  const small = tensors.filter((t) => t.values.byteLength < OWN_SHARD_BYTES);
  const shards: PackedShard[] = [];
  if (small.length > 0 || tensors.length === 0) shards.push(packShard(`${base}.bin`, small));
  tensors.forEach((t, index) => {
    if (t.values.byteLength < OWN_SHARD_BYTES) return;
    const file = `${base}-${String(index).padStart(4, '0')}.bin`;
    const whole =
      t.values.byteOffset === 0 &&
      t.values.byteLength === t.values.buffer.byteLength &&
      t.values.buffer instanceof ArrayBuffer;
    if (!whole || !mayKeep(t)) {
      shards.push(packShard(file, [t]));
      return;
    }
    shards.push({
      file,
      bytes: new Uint8Array(t.values.buffer, 0, t.values.byteLength),
      tensors: [
        {
          name: t.name,
          dtype: t.dtype,
          shape: t.shape,
          shard: file,
          offset: 0,
          byteLength: t.values.byteLength,
        },
      ],
    });
  });
  return shards;
}

export interface PackedShard {
  file: string;
  bytes: Uint8Array;
  tensors: TensorEntry[];
}

/** Copies every tensor's values into one new buffer: after this the tensors may change freely. */
export function packShard(file: string, tensors: TensorValues[]): PackedShard {
  const total = tensors.reduce((sum, t) => sum + t.values.byteLength, 0);
  const bytes = new Uint8Array(total);
  const entries: TensorEntry[] = [];
  let offset = 0;
  for (const t of tensors) {
    bytes.set(new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength), offset);
    entries.push({
      name: t.name,
      dtype: t.dtype,
      shape: t.shape,
      shard: file,
      offset,
      byteLength: t.values.byteLength,
    });
    offset += t.values.byteLength;
  }
  return { file, bytes, tensors: entries };
}

/** The tensors of loaded shards, by name (views into the shard buffers, not copies). */
export function unpackTensors(
  entries: TensorEntry[],
  shards: ReadonlyMap<string, Uint8Array>,
): Map<string, HostTensor> {
  const tensors = new Map<string, HostTensor>();
  for (const entry of entries) {
    const shard = shards.get(entry.shard);
    if (!shard || entry.offset + entry.byteLength > shard.byteLength) {
      throw new Error(`tensor '${entry.name}' lies outside shard '${entry.shard}'`);
    }
    tensors.set(entry.name, {
      name: entry.name,
      dtype: entry.dtype,
      shape: entry.shape,
      bytes: shard.subarray(entry.offset, entry.offset + entry.byteLength),
    });
  }
  return tensors;
}

/** A typed array over a host tensor's bytes (copied when the bytes are not 4-byte aligned). */
export function typedValues(tensor: HostTensor): Float32Array | Int32Array {
  const aligned = tensor.bytes.byteOffset % 4 === 0 ? tensor.bytes : new Uint8Array(tensor.bytes);
  const length = aligned.byteLength / 4;
  return tensor.dtype === 'int32'
    ? new Int32Array(aligned.buffer, aligned.byteOffset, length)
    : new Float32Array(aligned.buffer, aligned.byteOffset, length);
}

/** SHA-256 in hex, computed on libuv's thread pool so the training thread keeps running. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await webcrypto.subtle.digest('SHA-256', bytes);
  return Buffer.from(digest).toString('hex');
}
