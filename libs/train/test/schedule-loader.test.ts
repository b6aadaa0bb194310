import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@strata/cli';
import { ShardedJsonlLoader } from '../src/data/jsonl-loader.js';
import { writeSyntheticData } from '../src/data/synthetic.js';
import { CheckpointClock, parseCheckpointEvery } from '../src/loop/schedule.js';

describe('--checkpoint-every', () => {
  it('parses steps and durations and refuses anything else', () => {
    expect(parseCheckpointEvery('500')).toEqual({ kind: 'steps', steps: 500 });
    expect(parseCheckpointEvery('90s')).toEqual({ kind: 'duration', ms: 90_000 });
    expect(parseCheckpointEvery('1.5m')).toEqual({ kind: 'duration', ms: 90_000 });
    expect(parseCheckpointEvery('2h')).toEqual({ kind: 'duration', ms: 7_200_000 });
    for (const bad of ['0', '-5', '10 steps', '5d', '']) {
      expect(() => parseCheckpointEvery(bad)).toThrow(UsageError);
    }
  });

  it('a duration schedule is due once the period has passed since the last checkpoint', () => {
    let now = 0;
    const clock = new CheckpointClock({ kind: 'duration', ms: 1000 }, () => now);
    now = 999;
    expect(clock.due(1)).toBe(false);
    now = 1000;
    expect(clock.due(2)).toBe(true);
    clock.taken();
    now = 1500;
    expect(clock.due(3)).toBe(false);
    now = 2000;
    expect(clock.due(4)).toBe(true);
  });
});

describe('sharded JSONL loader', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-loader-'));
    await writeSyntheticData(dir, {
      shards: 3,
      examplesPerShard: 7,
      features: 4,
      classes: 3,
      seed: 2,
    });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('visits every example once per epoch, and a loader opened at a position continues exactly', async () => {
    const loader = await ShardedJsonlLoader.open(dir, 5);
    const epoch = await loader.nextBatch(21);
    const rows = new Set<string>();
    for (let i = 0; i < 21; i += 1)
      rows.add(Array.from(epoch.xs.subarray(i * 4, i * 4 + 4)).join(','));
    expect(rows.size).toBe(21);
    expect(loader.position).toEqual({ epoch: 1, shard: 0, offset: 0 });

    await loader.nextBatch(10); // into epoch 1, across a shard boundary
    const at = loader.position;
    const next = await loader.nextBatch(9);
    await loader.close();
    const reopened = await ShardedJsonlLoader.open(dir, 5, at);
    const again = await reopened.nextBatch(9);
    await reopened.close();
    expect(Array.from(again.xs)).toEqual(Array.from(next.xs));
    expect(Array.from(again.ys)).toEqual(Array.from(next.ys));

    // Another epoch is another order.
    const other = await ShardedJsonlLoader.open(dir, 5, { epoch: 1, shard: 0, offset: 0 });
    const second = await other.nextBatch(21);
    await other.close();
    expect(Array.from(second.xs)).not.toEqual(Array.from(epoch.xs));
  });
});
