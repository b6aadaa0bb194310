/**
 * A learnable synthetic data set as JSONL shards: x uniform in [-1, 1], y = argmax(W x) for a
 * fixed seeded W. For tests, the benchmark and trying the trainer without downloading anything.
 */
import { openStore, putObject } from '@strata/transfer';
import { checkpointRetryStrategy } from '../checkpoint/upload.js';
import { SeededRng } from '../rng.js';

export interface SyntheticDataOptions {
  shards: number;
  examplesPerShard: number;
  features: number;
  classes: number;
  seed: number;
}

export async function writeSyntheticData(
  uri: string,
  options: SyntheticDataOptions,
): Promise<string[]> {
  const { store, key } = await openStore(uri);
  const prefix = key === '' || key.endsWith('/') ? key : `${key}/`;
  const rng = SeededRng.fromSeed(options.seed);
  const w = Array.from(
    { length: options.classes * options.features },
    () => rng.nextFloat() * 2 - 1,
  );
  const written: string[] = [];
  try {
    for (let s = 0; s < options.shards; s += 1) {
      const lines: string[] = [];
      for (let e = 0; e < options.examplesPerShard; e += 1) {
        const x = Array.from(
          { length: options.features },
          () => Math.round((rng.nextFloat() * 2 - 1) * 1000) / 1000,
        );
        let best = 0;
        let bestScore = -Infinity;
        for (let c = 0; c < options.classes; c += 1) {
          let score = 0;
          for (let f = 0; f < options.features; f += 1)
            score += w[c * options.features + f]! * x[f]!;
          if (score > bestScore) [best, bestScore] = [c, score];
        }
        lines.push(JSON.stringify({ x, y: best }));
      }
      const shardKey = `${prefix}part-${String(s).padStart(5, '0')}.jsonl`;
      await putObject({ store, key: shardKey }, Buffer.from(`${lines.join('\n')}\n`), {
        retry: checkpointRetryStrategy(),
      });
      written.push(shardKey);
    }
  } finally {
    await store.close?.();
  }
  return written;
}
