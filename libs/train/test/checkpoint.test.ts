import { mkdtemp, readFile, rm, truncate, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type ObjectStore } from '@strata/transfer';
import {
  CheckpointWriter,
  checkpointFolder,
  listCheckpoints,
  loadLatestCheckpoint,
  packShard,
  typedValues,
  type CheckpointSnapshot,
  type WriterEvent,
} from '../src/checkpoint/index.js';

function snapshotAt(step: number, size = 1000): CheckpointSnapshot {
  const weights = new Float32Array(size);
  const moments = new Float32Array(size);
  for (let i = 0; i < size; i += 1) {
    weights[i] = Math.sin(step * 1000 + i);
    moments[i] = step + i / 7;
  }
  return {
    step,
    shards: [
      packShard('weights.bin', [
        { name: 'w', dtype: 'float32', shape: [size], values: weights },
        { name: 'b', dtype: 'int32', shape: [2], values: Int32Array.from([step, -step]) },
      ]),
      packShard('optimizer.bin', [{ name: 'm', dtype: 'float32', shape: [size], values: moments }]),
    ],
    state: { rng: [1, 2, 3, step], loader: { epoch: 0, offset: step } },
  };
}

describe('checkpoint writer and loader (local store)', () => {
  let dir: string;
  let store: ObjectStore;
  let prefix: string;
  let events: WriterEvent[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-ckpt-'));
    ({ store, key: prefix } = await openStore(dir));
    events = [];
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function writeSteps(steps: number[], keepLast = 2): Promise<CheckpointWriter> {
    const writer = CheckpointWriter.onThisThread(store, prefix, {
      keepLast,
      inFlight: 'wait',
      onEvent: (event) => events.push(event),
    });
    for (const step of steps) {
      expect(await writer.ready(step)).toBe('take');
      writer.submit(snapshotAt(step));
    }
    await writer.flush();
    return writer;
  }

  it('writes shards then the manifest, keeps the last N and loads the newest byte for byte', async () => {
    const writer = await writeSteps([10, 20, 30]);
    expect(writer.lastCommittedStep).toBe(30);
    const listed = await listCheckpoints(store, prefix);
    expect(listed.map((c) => [c.step, c.complete])).toEqual([
      [30, true],
      [20, true],
    ]);
    expect(events.filter((e) => e.type === 'deleted')).toEqual([
      { type: 'deleted', step: 10, reason: 'retention' },
    ]);
    const warnings: string[] = [];
    const loaded = await loadLatestCheckpoint(store, prefix, (m) => warnings.push(m));
    expect(warnings).toEqual([]);
    expect(loaded?.step).toBe(30);
    const expected = snapshotAt(30);
    expect(Buffer.from(loaded!.tensors.get('w')!.bytes)).toEqual(
      Buffer.from(expected.shards[0]!.bytes.subarray(0, 4000)),
    );
    expect(Array.from(typedValues(loaded!.tensors.get('b')!))).toEqual([30, -30]);
    expect(loaded!.manifest.state).toEqual({
      rng: [1, 2, 3, 30],
      loader: { epoch: 0, offset: 30 },
    });
    // The manifest is the last object written in the folder.
    const order = events.filter((e) => e.type === 'committed').map((e) => e.step);
    expect(order).toEqual([10, 20, 30]);
  });

  it('detects a truncated shard and falls back to the previous checkpoint with a warning', async () => {
    await writeSteps([10, 20]);
    await truncate(join(dir, checkpointFolder(20), 'optimizer.bin'), 100);
    const warnings: string[] = [];
    const loaded = await loadLatestCheckpoint(store, prefix, (m) => warnings.push(m));
    expect(loaded?.step).toBe(10);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /ckpt-000000000020\/: shard optimizer\.bin has 100 bytes.*truncated.*falling back/,
    );
  });

  it('detects a single flipped bit and falls back', async () => {
    await writeSteps([10, 20]);
    const path = join(dir, checkpointFolder(20), 'weights.bin');
    const bytes = await readFile(path);
    bytes[1234] = bytes[1234]! ^ 0x10;
    await writeFile(path, bytes);
    const warnings: string[] = [];
    const loaded = await loadLatestCheckpoint(store, prefix, (m) => warnings.push(m));
    expect(loaded?.step).toBe(10);
    expect(warnings[0]).toMatch(/weights\.bin fails its SHA-256 check/);
  });

  it('falls back past a damaged manifest and returns null when nothing verifies', async () => {
    await writeSteps([10, 20]);
    await writeFile(join(dir, checkpointFolder(20), 'manifest.json'), '{"format":');
    await truncate(join(dir, checkpointFolder(10), 'weights.bin'), 0);
    const warnings: string[] = [];
    expect(await loadLatestCheckpoint(store, prefix, (m) => warnings.push(m))).toBeNull();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/manifest is not valid JSON/);
  });

  it('ignores a folder without a manifest and collects it at the next commit', async () => {
    await writeSteps([10]);
    // What a writer killed mid-write leaves: shards, no manifest.
    await mkdir(join(dir, checkpointFolder(15)));
    await writeFile(join(dir, checkpointFolder(15), 'weights.bin'), Buffer.alloc(64));
    expect((await loadLatestCheckpoint(store, prefix, () => undefined))?.step).toBe(10);
    await writeSteps([20], 5);
    expect(events).toContainEqual({ type: 'deleted', step: 15, reason: 'orphan' });
    const listed = await listCheckpoints(store, prefix);
    expect(listed.map((c) => c.step)).toEqual([20, 10]);
  });

  it("with the 'skip' policy drops a checkpoint that comes while a write is in flight", async () => {
    const writer = CheckpointWriter.onThisThread(store, prefix, {
      keepLast: 3,
      inFlight: 'skip',
      onEvent: (event) => events.push(event),
    });
    expect(await writer.ready(1)).toBe('take');
    writer.submit(snapshotAt(1, 1_000_000));
    expect(writer.busy).toBe(true);
    expect(await writer.ready(2)).toBe('skip');
    await writer.flush();
    expect(await writer.ready(3)).toBe('take');
    writer.submit(snapshotAt(3));
    await writer.flush();
    expect(events).toContainEqual({ type: 'skipped', step: 2, inFlightStep: 1 });
    expect((await listCheckpoints(store, prefix)).map((c) => c.step)).toEqual([3, 1]);
  });

  it('rewriting a step invalidates its old manifest before any shard changes', async () => {
    await writeSteps([10]);
    const writer = CheckpointWriter.onThisThread(store, prefix, { keepLast: 2, inFlight: 'wait' });
    // Start the rewrite and look while it is in flight: the folder must not be complete with old state.
    writer.submit({ ...snapshotAt(10, 300_000), state: { rewritten: true } });
    await writer.flush();
    const loaded = await loadLatestCheckpoint(store, prefix, () => undefined);
    expect(loaded?.manifest.state).toEqual({ rewritten: true });
    expect(loaded?.tensors.get('w')?.shape).toEqual([300_000]);
  });
});
