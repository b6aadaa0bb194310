import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkpointFolder } from '../src/checkpoint/format.js';
import type { TrainOptions } from '../src/loop/train.js';

/** Settings every trainer test shares: small, cpu backend, dropout on (so the RNG matters). */
export function baseOptions(dir: string, overrides: Partial<TrainOptions> = {}): TrainOptions {
  return {
    model: 'mlp:16-32-32-4',
    data: join(dir, 'data'),
    checkpoint: join(dir, 'ckpt'),
    steps: 40,
    batchSize: 8,
    seed: 7,
    learningRate: 0.01,
    optimizer: 'adam',
    dropout: 0.2,
    checkpointEvery: { kind: 'steps', steps: 10 },
    keepLast: 3,
    inFlight: 'wait',
    resume: false,
    backend: 'cpu',
    log: () => undefined,
    warn: () => undefined,
    ...overrides,
  };
}

export const SYNTHETIC = { shards: 3, examplesPerShard: 30, features: 16, classes: 4, seed: 1 };

/** The raw bytes of a checkpoint's shard. */
export function shardBytes(checkpointDir: string, step: number, file: string): Promise<Buffer> {
  return readFile(join(checkpointDir, checkpointFolder(step), file));
}

/** Metrics JSONL → loss per step (the last line for a step wins: a resumed run repeats steps). */
export async function lossByStep(file: string): Promise<Map<number, number>> {
  const losses = new Map<number, number>();
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const { step, loss } = JSON.parse(line) as { step: number; loss: number };
    losses.set(step, loss);
  }
  return losses;
}
