/**
 * Training examples from sharded JSONL in any object store: every object under the URI whose key
 * ends with `.jsonl`, one example per line `{"x": [numbers], "y": class}`.
 *
 * The order is a pure function of (seed, epoch): shards in a seeded order, the lines of each
 * shard in a seeded order. So the loader's whole state is its position (epoch, shard, offset),
 * which a checkpoint stores and a resume restores exactly. The next shard is fetched while the
 * current one is consumed.
 */
import { UsageError } from '@strata/cli';
import { getObject, openStore, type ObjectStore } from '@strata/transfer';
import { checkpointRetryStrategy } from '../checkpoint/upload.js';
import { SeededRng, deriveSeed } from '../rng.js';

export interface LoaderPosition {
  epoch: number;
  /** Index into the epoch's shard order. */
  shard: number;
  /** Index into the shard's line order. */
  offset: number;
}

export interface Batch {
  /** Row-major [size, features]. */
  xs: Float32Array;
  ys: Int32Array;
  size: number;
}

interface Example {
  x: number[];
  y: number;
}

export class ShardedJsonlLoader {
  private readonly cache = new Map<string, Promise<Example[]>>();
  private pos: LoaderPosition;

  private constructor(
    private readonly store: ObjectStore,
    private readonly keys: string[],
    private readonly seed: number,
    readonly features: number,
    start: LoaderPosition,
  ) {
    this.pos = { ...start };
  }

  static async open(
    uri: string,
    seed: number,
    start?: LoaderPosition,
  ): Promise<ShardedJsonlLoader> {
    const { store, key } = await openStore(uri);
    const single =
      key !== '' && !key.endsWith('/') && key.endsWith('.jsonl') ? await store.head(key) : null;
    const keys: string[] = [];
    if (single) keys.push(single.key);
    else {
      const prefix = key === '' || key.endsWith('/') ? key : `${key}/`;
      for await (const object of store.list(prefix))
        if (object.key.endsWith('.jsonl')) keys.push(object.key);
    }
    if (keys.length === 0)
      throw new UsageError(
        `--data ${uri}: no .jsonl objects there; point it at a folder of JSONL shards`,
      );
    keys.sort();
    const probe = new ShardedJsonlLoader(store, keys, seed, 0, { epoch: 0, shard: 0, offset: 0 });
    const first = await probe.examples(keys[0]!);
    const loader = new ShardedJsonlLoader(
      store,
      keys,
      seed,
      first[0]!.x.length,
      start ?? { epoch: 0, shard: 0, offset: 0 },
    );
    return loader;
  }

  get position(): LoaderPosition {
    return { ...this.pos };
  }

  get shards(): number {
    return this.keys.length;
  }

  async close(): Promise<void> {
    await this.store.close?.();
  }

  /** The next `size` examples in order, crossing shard and epoch boundaries. */
  async nextBatch(size: number): Promise<Batch> {
    const xs = new Float32Array(size * this.features);
    const ys = new Int32Array(size);
    for (let row = 0; row < size;) {
      const key = this.shardKey(this.pos.epoch, this.pos.shard);
      const examples = await this.examples(key);
      this.prefetchNext();
      const order = SeededRng.fromSeed(
        deriveSeed(this.seed, this.pos.epoch, this.keys.indexOf(key)),
      ).permutation(examples.length);
      while (row < size && this.pos.offset < examples.length) {
        const example = examples[order[this.pos.offset]!]!;
        xs.set(example.x, row * this.features);
        ys[row] = example.y;
        row += 1;
        this.pos.offset += 1;
      }
      if (this.pos.offset >= examples.length) this.advanceShard(key);
    }
    return { xs, ys, size };
  }

  private advanceShard(finished: string): void {
    this.cache.delete(finished);
    this.pos.offset = 0;
    this.pos.shard += 1;
    if (this.pos.shard >= this.keys.length) {
      this.pos.shard = 0;
      this.pos.epoch += 1;
    }
  }

  private shardKey(epoch: number, index: number): string {
    const order = SeededRng.fromSeed(deriveSeed(this.seed, epoch, 0x5eed)).permutation(
      this.keys.length,
    );
    return this.keys[order[index]!]!;
  }

  private prefetchNext(): void {
    const last = this.pos.shard + 1 >= this.keys.length;
    const next = this.shardKey(
      last ? this.pos.epoch + 1 : this.pos.epoch,
      last ? 0 : this.pos.shard + 1,
    );
    void this.examples(next).catch(() => undefined); // a failed prefetch is retried by the real read
  }

  private examples(key: string): Promise<Example[]> {
    let loading = this.cache.get(key);
    if (!loading) {
      // Reads retry like checkpoint writes do: a store restart must not end the run.
      loading = getObject({ store: this.store, key }, { retry: checkpointRetryStrategy() }).then(
        (bytes) => parseShard(key, bytes.toString('utf8'), this.features),
      );
      loading.catch(() => this.cache.delete(key));
      this.cache.set(key, loading);
    }
    return loading;
  }
}

function parseShard(key: string, text: string, features: number): Example[] {
  const examples: Example[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UsageError(
        `${key} line ${index + 1}: not JSON; each line must be {"x": [numbers], "y": class}`,
      );
    }
    const { x, y } = (value ?? {}) as { x?: unknown; y?: unknown };
    const width = features || (Array.isArray(x) ? x.length : 0);
    if (
      !Array.isArray(x) ||
      x.length !== width ||
      width === 0 ||
      !x.every((v) => typeof v === 'number') ||
      !Number.isInteger(y) ||
      (y as number) < 0
    ) {
      throw new UsageError(
        `${key} line ${index + 1}: expected {"x": [${width || 'N'} numbers], "y": a class index ≥ 0}`,
      );
    }
    examples.push({ x, y: y as number });
  });
  if (examples.length === 0) throw new UsageError(`${key}: no examples in this shard`);
  return examples;
}
