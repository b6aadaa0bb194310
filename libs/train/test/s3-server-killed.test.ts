/**
 * The object-store server is killed (SIGKILL) while a checkpoint is being written to it, and
 * restarted 1.5 s later on the same port and data: the writer (in its worker thread, as the
 * trainer runs it) retries through the outage and commits; every checkpoint left verifies and
 * holds exactly the bytes that were snapshotted.
 */
import { createHash } from 'node:crypto';
import { startS3Server, useS3Environment, type TestServer } from '@strata/test-servers';
import { openStore } from '@strata/transfer';
import { listCheckpoints, loadCheckpoint } from '../src/checkpoint/loader.js';
import { packShard } from '../src/checkpoint/shards.js';
import { CheckpointWriter } from '../src/checkpoint/writer.js';
import type { CheckpointSnapshot, WriterEvent } from '../src/checkpoint/commit.js';
import { SeededRng } from '../src/rng.js';

const MiB = 1024 * 1024;
function snapshot(step: number, floats: number): CheckpointSnapshot {
  const rng = SeededRng.fromSeed(step);
  const weights = new Float32Array(floats);
  for (let i = 0; i < floats; i += 1) weights[i] = rng.nextFloat();
  return {
    step,
    shards: [
      packShard('weights.bin', [{ name: 'w', dtype: 'float32', shape: [floats], values: weights }]),
      packShard('optimizer.bin', [
        { name: 'm', dtype: 'float32', shape: [floats], values: weights.map((v) => v / 2) },
      ]),
    ],
    state: { step },
  };
}

const digest = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('S3 server killed during a checkpoint write', () => {
  let server: TestServer;
  let restoreEnvironment = (): void => undefined;

  beforeAll(async () => {
    server = await startS3Server({ buckets: ['ckpt'] });
    // The worker thread opens its own store from the URI: the endpoint comes from the environment.
    restoreEnvironment = useS3Environment(server);
  });
  afterAll(async () => {
    restoreEnvironment();
    await server?.stop();
  });

  it('retries the write through the outage, commits it, and leaves nothing corrupt', async () => {
    const events: WriterEvent[] = [];
    let outage: Promise<void> | undefined;
    const writer = await CheckpointWriter.inWorker('s3://ckpt/run-1', {
      keepLast: 3,
      inFlight: 'wait',
      multipartThreshold: 5 * MiB,
      partSize: 5 * MiB,
      retry: { baseDelayMs: 100, maxDelayMs: 1000, maxAttempts: 30 },
      onEvent: (event) => {
        events.push(event);
        // Weights are in, the optimizer shard is on its way: kill the server now.
        if (event.type === 'shard-written' && event.step === 2 && event.file === 'weights.bin') {
          outage = (async () => {
            await server.kill();
            await new Promise((resolve) => setTimeout(resolve, 1500));
            await server.restart();
          })();
        }
      },
    });
    const expected = new Map<number, string[]>();
    try {
      for (const step of [1, 2, 3]) {
        await writer.ready(step);
        // 2 × 24 MB, sent as 5 MiB parts: long enough that the kill lands inside the write.
        const taken = snapshot(step, 6_000_000);
        expected.set(
          step,
          taken.shards.map((shard) => digest(shard.bytes)),
        );
        writer.submit(taken);
        await writer.flush();
      }
    } finally {
      await writer.close();
    }
    await outage;

    const retries = events.filter((event) => event.type === 'retry' && event.step === 2);
    expect(retries.length).toBeGreaterThan(0);
    expect(events.filter((event) => event.type === 'committed').map((e) => e.step)).toEqual([
      1, 2, 3,
    ]);
    expect(events.filter((event) => event.type === 'failed')).toEqual([]);

    const { store } = await openStore('s3://ckpt/');
    try {
      const checkpoints = await listCheckpoints(store, 'run-1/');
      expect(checkpoints.map((c) => [c.step, c.complete])).toEqual([
        [3, true],
        [2, true],
        [1, true],
      ]);
      for (const checkpoint of checkpoints) {
        const loaded = await loadCheckpoint(store, checkpoint.folder); // verifies every SHA-256
        expect([
          digest(loaded.tensors.get('w')!.bytes),
          digest(loaded.tensors.get('m')!.bytes),
        ]).toEqual(expected.get(checkpoint.step));
      }
    } finally {
      await store.close?.();
    }
  }, 120_000);
});
