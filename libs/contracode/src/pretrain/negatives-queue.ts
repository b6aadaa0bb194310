/**
 * MoCo's queue of negatives: the keys of the last `size` encoded functions, a ring buffer in host
 * memory. Each step's keys replace the oldest ones (dequeue and enqueue in one write), wrapping
 * around at the end. The whole queue and its write position are in every checkpoint.
 */
import type { UniformSource } from '../tokenizer/index.js';

export class NegativesQueue {
  private pointer = 0;

  private constructor(
    readonly size: number,
    readonly dim: number,
    /** Row-major [size, dim]. */
    readonly keys: Float32Array,
  ) {}

  /** Random unit vectors from a seeded generator (MoCo starts from random keys). */
  static random(size: number, dim: number, rng: UniformSource): NegativesQueue {
    const keys = new Float32Array(size * dim);
    for (let row = 0; row < size; row += 1) {
      let norm = 0;
      for (let col = 0; col < dim; col += 1) {
        const value = gaussian(rng);
        keys[row * dim + col] = value;
        norm += value * value;
      }
      const scale = 1 / Math.sqrt(norm);
      for (let col = 0; col < dim; col += 1) keys[row * dim + col]! *= scale;
    }
    return new NegativesQueue(size, dim, keys);
  }

  static restore(keys: Float32Array, dim: number, pointer: number): NegativesQueue {
    const size = keys.length / dim;
    if (!Number.isInteger(size) || pointer < 0 || pointer >= size) {
      throw new Error(
        `a saved queue of ${keys.length} values cannot hold rows of ${dim} at ${pointer}`,
      );
    }
    const queue = new NegativesQueue(size, dim, keys);
    queue.pointer = pointer;
    return queue;
  }

  /** Where the next key is written: the oldest key in the queue. */
  get position(): number {
    return this.pointer;
  }

  /** Writes `rows` keys (row-major) over the oldest ones. */
  enqueue(rows: Float32Array): void {
    const count = rows.length / this.dim;
    if (!Number.isInteger(count))
      throw new Error(`keys of ${rows.length} values are not rows of ${this.dim}`);
    // More keys than the queue holds: only the newest `size` stay.
    const first = Math.max(0, count - this.size);
    for (let row = first; row < count; row += 1) {
      this.keys.set(rows.subarray(row * this.dim, (row + 1) * this.dim), this.pointer * this.dim);
      this.pointer = (this.pointer + 1) % this.size;
    }
  }
}

/** Box-Muller: a standard normal number from two uniform ones. */
function gaussian(rng: UniformSource): number {
  const u = 1 - rng.nextFloat();
  const v = rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * The queue size for a corpus: MoCo's 65,536 keys assume millions of functions; a queue much
 * larger than the corpus would hold a function's own stale keys as negatives. A multiple of the
 * batch size, at most half the training functions, at least one batch, at most `cap`.
 */
export function queueSizeFor(trainFunctions: number, batchSize: number, cap = 16_384): number {
  const half = Math.floor(trainFunctions / 2 / batchSize) * batchSize;
  return Math.max(batchSize, Math.min(half, Math.floor(cap / batchSize) * batchSize));
}
