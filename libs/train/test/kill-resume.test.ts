/**
 * The fault test of the issue: one run, the trainer killed with SIGKILL many times at random
 * moments (half while a checkpoint write is in flight, half at a random time during the steps),
 * each time restarted with --resume. It must always resume from the newest committed checkpoint,
 * never from a partial one, keep the metrics log complete up to every committed checkpoint, and
 * end with weights equal, byte for byte, to an uninterrupted run's. 20 kills with the checkpoints
 * on local disk; 8 each with them on s3rver and on the GCS test server (each life there is slower,
 * and the local run already covers the kill schedule's variety).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getObject, openStore } from '@strata/transfer';
import { asPrefix, checkpointFolder } from '../src/checkpoint/format.js';
import { writeSyntheticData } from '../src/data/synthetic.js';
import { train } from '../src/loop/train.js';
import { SeededRng } from '../src/rng.js';
import { startTrainer } from './child-trainer.js';
import { baseOptions, lossByStep, shardBytes } from './helpers.js';
import { gcsStore, localStore, s3Store, type TestStore } from './test-stores.js';

/** The bytes of a shard of checkpoint `step` under `uri` (any store). */
async function storedShard(uri: string, step: number, file: string): Promise<Buffer> {
  const { store, key } = await openStore(uri);
  try {
    return await getObject({ store, key: `${asPrefix(key)}${checkpointFolder(step)}/${file}` });
  } finally {
    await store.close?.();
  }
}

/** Steps the metrics log has a line for. */
async function loggedSteps(file: string): Promise<Set<number>> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return new Set(
    text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => (JSON.parse(line) as { step: number }).step),
  );
}

// Far more steps than the short lives reach (185-230 after 20 kills in passing runs; one run on a
// quiet machine reached 400), so every kill lands before the run can finish.
const CASES: {
  kind: string;
  kills: number;
  steps: number;
  open: (dir: string) => Promise<TestStore>;
}[] = [
  { kind: 'local disk', kills: 20, steps: 1000, open: async (dir) => localStore(dir) },
  { kind: 's3rver', kills: 8, steps: 400, open: () => s3Store(false) },
  { kind: 'the GCS test server', kills: 8, steps: 400, open: () => gcsStore() },
];

describe.each(CASES)(
  'kill -9 the trainer, checkpoints on $kind',
  ({ kills: KILLS, steps: STEPS, open }) => {
    const SETTINGS = { model: 'mlp:16-64-64-4', steps: STEPS, every: 5, keepLast: 2 };
    let dir: string;
    let store: TestStore;
    const saved = new Map<string, string | undefined>();
    afterAll(async () => {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await store?.stop();
    });
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'strata-kill-'));
      await writeSyntheticData(join(dir, 'data'), {
        shards: 3,
        examplesPerShard: 40,
        features: 16,
        classes: 4,
        seed: 3,
      });
      store = await open(join(dir, 'store'));
      for (const [name, value] of Object.entries(store.env)) {
        saved.set(name, process.env[name]);
        process.env[name] = value;
      }
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('always resumes from the last complete checkpoint and ends equal to an uninterrupted run', async () => {
      const seed = Date.now() % 1_000_000;
      const random = SeededRng.fromSeed(seed);
      const context = `(kill schedule seed ${seed})`;
      const reference = join(dir, 'reference');
      const faulty = store.uri('faulty');
      const metricsFile = join(dir, 'faulty.jsonl');
      const args = [
        '--model',
        SETTINGS.model,
        '--data',
        join(dir, 'data'),
        '--checkpoint',
        faulty,
        '--steps',
        String(STEPS),
        '--batch-size',
        '8',
        '--seed',
        '7',
        '--learning-rate',
        '0.01',
        '--dropout',
        '0.2',
        '--checkpoint-every',
        String(SETTINGS.every),
        '--keep-last',
        String(SETTINGS.keepLast),
        '--backend',
        'cpu',
        '--metrics',
        metricsFile,
        '--resume',
      ];
      // The uninterrupted run, in this process, while the children run in theirs.
      const referenceRun = train(
        baseOptions(dir, {
          model: SETTINGS.model,
          checkpoint: reference,
          steps: STEPS,
          checkpointEvery: { kind: 'steps', steps: SETTINGS.every },
          keepLast: SETTINGS.keepLast,
          metricsFile: `${reference}.jsonl`,
          data: join(dir, 'data'),
        }),
      );

      let newestCommitted = 0;
      let killsDuringWrite = 0;
      const resumedSteps: number[] = [];
      for (let kill = 0; kill < KILLS; kill += 1) {
        const run = startTrainer(args, store.env);
        const started = await run.waitFor(
          /^(resumed from checkpoint step \d+|no usable checkpoint)/,
        );
        expect(started).toBeDefined();
        const resumedFrom = Number(/step (\d+)/.exec(started!)?.[1] ?? 0);
        resumedSteps.push(resumedFrom);
        // Let every life commit one checkpoint, so the run moves forward between kills.
        expect(await run.waitFor(/^checkpoint: committed step/)).toBeDefined();
        let writing: number | undefined;
        if (kill % 2 === 0) {
          // During a checkpoint write: right after the next one starts, plus up to 3 ms.
          const line = await run.waitForNext(/^checkpoint: writing step \d+/);
          writing = Number(/step (\d+)/.exec(line ?? '')?.[1]);
          await new Promise((resolve) => setTimeout(resolve, random.nextFloat() * 3));
        } else {
          // At a random moment of training (a step, or a write if one is in flight then).
          await new Promise((resolve) => setTimeout(resolve, random.nextFloat() * 200));
        }
        run.child.kill('SIGKILL');
        const { code, signal } = await run.exited;
        expect({ kill, code, signal, context }).toEqual({
          kill,
          code: null,
          signal: 'SIGKILL',
          context,
        });

        // Resumed from a checkpoint at least as new as every commit seen, never a newer one that was not.
        expect(resumedFrom).toBeGreaterThanOrEqual(newestCommitted);
        expect(run.lines.filter((line) => line.startsWith('warning:'))).toEqual([]);
        for (const line of run.lines) {
          const committed = /^checkpoint: committed step (\d+)/.exec(line);
          if (committed) newestCommitted = Math.max(newestCommitted, Number(committed[1]));
        }
        // Every step up to the newest committed checkpoint is in the metrics log (flushed before commit).
        const logged = await loggedSteps(metricsFile);
        const unlogged = Array.from({ length: newestCommitted }, (_, i) => i + 1).filter(
          (step) => !logged.has(step),
        );
        expect({ kill, unlogged, context }).toEqual({ kill, unlogged: [], context });
        if (
          writing !== undefined &&
          !run.lines.some((line) => line.startsWith(`checkpoint: committed step ${writing} `))
        ) {
          killsDuringWrite += 1;
        }
      }
      expect(newestCommitted).toBeLessThan(STEPS); // every kill landed before the run could finish

      const last = startTrainer(args, store.env);
      const outcome = await last.exited;
      expect({ outcome, tail: last.lines.slice(-3) }).toEqual({
        outcome: { code: 0, signal: null },
        tail: expect.anything(),
      });
      const finalResume = Number(
        /resumed from checkpoint step (\d+)/.exec(last.lines.join('\n'))?.[1],
      );
      expect(finalResume).toBeGreaterThanOrEqual(newestCommitted);
      await referenceRun;

      // Most write-time kills caught the write in flight (a tiny write can finish within the delay).
      expect(killsDuringWrite).toBeGreaterThanOrEqual(Math.ceil(KILLS / 4));
      for (const file of ['weights.bin', 'optimizer.bin']) {
        const expected = await shardBytes(reference, STEPS, file);
        const actual = await storedShard(faulty, STEPS, file);
        expect(actual.equals(expected)).toBe(true);
      }
      // Every loss a killed child managed to log equals the uninterrupted run's at that step.
      const expectedLoss = await lossByStep(`${reference}.jsonl`);
      const actualLoss = await lossByStep(metricsFile);
      for (const [step, loss] of actualLoss)
        expect({ step, loss }).toEqual({ step, loss: expectedLoss.get(step) });
      expect(actualLoss.get(STEPS)).toBe(expectedLoss.get(STEPS));
      process.stderr.write(
        `kill test on ${store.kind} ${context}: resumed at steps ${resumedSteps.join(', ')}; ${killsDuringWrite} kills during a write\n`,
      );
    }, 600_000);
  },
);
