import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticData } from '../src/data/synthetic.js';
import { train } from '../src/loop/train.js';
import { baseOptions, lossByStep, shardBytes, SYNTHETIC } from './helpers.js';

describe('resume on the cpu backend', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-resume-'));
    await writeSyntheticData(join(dir, 'data'), SYNTHETIC);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(['adam', 'sgd'] as const)(
    'a run stopped at step 17 and resumed reproduces the uninterrupted run bit for bit (%s)',
    async (optimizer) => {
      const learningRate = optimizer === 'sgd' ? 0.2 : 0.01;
      const whole = join(dir, `whole-${optimizer}`);
      const split = join(dir, `split-${optimizer}`);
      const uninterrupted = await train(
        baseOptions(dir, {
          optimizer,
          learningRate,
          checkpoint: whole,
          metricsFile: `${whole}.jsonl`,
        }),
      );
      expect(uninterrupted.lastCheckpoint).toBe(40);
      // Batches of 8 over 3 shards of 30 examples: both halves cross shard and epoch boundaries.
      const first = await train(
        baseOptions(dir, {
          optimizer,
          learningRate,
          checkpoint: split,
          steps: 17,
          metricsFile: `${split}.jsonl`,
        }),
      );
      expect(first.lastCheckpoint).toBe(17);
      const logs: string[] = [];
      const resumed = await train(
        baseOptions(dir, {
          optimizer,
          learningRate,
          checkpoint: split,
          resume: true,
          metricsFile: `${split}.jsonl`,
          log: (line) => logs.push(line),
        }),
      );
      expect(resumed.resumedFrom).toBe(17);
      expect(resumed.firstStep).toBe(18);
      // The folder is named as the user gave the URI (a path keeps its leading '/').
      expect(logs).toContain(`resumed from checkpoint step 17 (${split}/ckpt-000000000017/)`);

      const expected = await lossByStep(`${whole}.jsonl`);
      const actual = await lossByStep(`${split}.jsonl`);
      expect([...actual.entries()]).toEqual([...expected.entries()]);
      for (const file of ['weights.bin', 'optimizer.bin']) {
        const a = await shardBytes(whole, 40, file);
        const b = await shardBytes(split, 40, file);
        expect(b.equals(a)).toBe(true);
      }
      // The losses went down: the trainer learns, so the comparison is not between two no-ops.
      expect(expected.get(40)!).toBeLessThan(expected.get(1)!);
    },
  );

  it('a model with tensors handed to the writer without a copy resumes bit for bit too', async () => {
    // 16-1100-1100-4: the 1100x1100 weight and its Adam moments (4.8 MB each) get shards of their
    // own, taken from the arrays the next step let go of (held-snapshot.ts), not copied.
    const options = {
      model: 'mlp:16-1100-1100-4',
      steps: 6,
      checkpointEvery: { kind: 'steps' as const, steps: 2 },
    };
    const whole = join(dir, 'big-whole');
    const split = join(dir, 'big-split');
    await train(baseOptions(dir, { ...options, checkpoint: whole }));
    await train(baseOptions(dir, { ...options, checkpoint: split, steps: 3 }));
    const resumed = await train(baseOptions(dir, { ...options, checkpoint: split, resume: true }));
    expect(resumed.resumedFrom).toBe(3);
    const files = (await readdir(join(whole, 'ckpt-000000000004'))).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'weights.bin',
        'weights-0002.bin',
        'optimizer.bin',
        'optimizer-0003.bin',
      ]),
    );
    for (const step of [4, 6]) {
      for (const file of files.filter((name) => name.endsWith('.bin'))) {
        const a = await shardBytes(whole, step, file);
        const b = await shardBytes(split, step, file);
        expect({ step, file, equal: b.equals(a) }).toEqual({ step, file, equal: true });
      }
    }
  });

  it('refuses to resume with different settings, naming the setting', async () => {
    const checkpoint = join(dir, 'mismatch');
    await train(baseOptions(dir, { checkpoint, steps: 5 }));
    await expect(
      train(baseOptions(dir, { checkpoint, resume: true, batchSize: 4 })),
    ).rejects.toThrow(/the checkpoint was written with batchSize 8, this run has 4/);
  });
});
