/**
 * Chunk planning, pure: an object becomes one or more chunks (Skyplane's `Chunk`, exemplars.md §4).
 * A chunk is the unit that is read, checksummed, written, retried and recorded for resume.
 */

export type ChunkState = 'registered' | 'queued' | 'in_progress' | 'complete' | 'failed';

export interface Chunk {
  /** Stable within a transfer: `<destination key>#<part number>`. */
  id: string;
  sourceKey: string;
  destinationKey: string;
  offset: number;
  length: number;
  /** 1-based, as multipart APIs count; 0 for an object sent whole. */
  partNumber: number;
  state: ChunkState;
  /** Hex MD5 of the bytes read, once known. */
  md5?: string;
}

export interface PartSizing {
  /** Objects at or above this size go multipart (when the destination supports it). */
  multipartThreshold: number;
  /** Preferred part size; raised when an object would need more than `maxParts`. */
  partSize: number;
}

export interface PartLimits {
  multipart: boolean;
  maxParts: number;
  minPartSize: number;
  maxPartSize: number;
}

export interface ObjectPlan {
  sourceKey: string;
  destinationKey: string;
  size: number;
  multipart: boolean;
  partSize: number;
  chunks: Chunk[];
}

/**
 * The part size for an object: the preferred size, clamped to the destination's limits and raised
 * (to a whole MiB) until the object fits in `maxParts` parts.
 */
export function choosePartSize(size: number, sizing: PartSizing, limits: PartLimits): number {
  const mib = 1024 * 1024;
  let partSize = Math.max(sizing.partSize, limits.minPartSize);
  const needed = Math.ceil(size / limits.maxParts);
  if (partSize < needed) partSize = Math.ceil(needed / mib) * mib;
  return Math.min(partSize, limits.maxPartSize);
}

export function planObject(
  object: { sourceKey: string; destinationKey: string; size: number },
  sizing: PartSizing,
  limits: PartLimits,
): ObjectPlan {
  const { sourceKey, destinationKey, size } = object;
  const multipart = limits.multipart && size >= sizing.multipartThreshold && size > 0;
  if (!multipart) {
    return {
      sourceKey,
      destinationKey,
      size,
      multipart: false,
      partSize: size,
      chunks: [
        {
          id: `${destinationKey}#0`,
          sourceKey,
          destinationKey,
          offset: 0,
          length: size,
          partNumber: 0,
          state: 'registered',
        },
      ],
    };
  }
  const partSize = choosePartSize(size, sizing, limits);
  if (Math.ceil(size / partSize) > limits.maxParts) {
    throw new Error(
      `${sourceKey}: ${size} bytes exceed what the destination accepts (${limits.maxParts} parts of at most ${limits.maxPartSize} bytes)`,
    );
  }
  const chunks: Chunk[] = [];
  for (let offset = 0, partNumber = 1; offset < size; offset += partSize, partNumber += 1) {
    chunks.push({
      id: `${destinationKey}#${partNumber}`,
      sourceKey,
      destinationKey,
      offset,
      length: Math.min(partSize, size - offset),
      partNumber,
      state: 'registered',
    });
  }
  return { sourceKey, destinationKey, size, multipart: true, partSize, chunks };
}

