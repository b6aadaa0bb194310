/**
 * The fault test of the issue: one run, the trainer killed with SIGKILL 20 times at random moments
 * (half while a checkpoint write is in flight, half at a random time during the steps), each time
 * restarted with --resume. It must always resume from the newest committed checkpoint, never from
 * a partial one, and end with weights equal, byte for byte, to an uninterrupted run's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSyntheticData } from '../src/data/synthetic.js';
import { train } from '../src/loop/train.js';
import { SeededRng } from '../src/rng.js';
import { startTrainer } from './child-trainer.js';
import { baseOptions, lossByStep, shardBytes } from './helpers.js';

const KILLS = 20;
// Far more steps than 20 short lives reach (185-230 in passing runs; one run on a quiet machine reached
// 400 before its 20th kill), so every kill lands before the run can finish.
const STEPS = 1000;
const SETTINGS = { model: 'mlp:16-64-64-4', steps: STEPS, every: 5, keepLast: 2 };

describe('kill -9 the trainer 20 times', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-kill-'));
    await writeSyntheticData(join(dir, 'data'), {
      shards: 3,
      examplesPerShard: 40,
      features: 16,
      classes: 4,
      seed: 3,
    });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('always resumes from the last complete checkpoint and ends equal to an uninterrupted run', async () => {
    const seed = Date.now() % 1_000_000;
    const random = SeededRng.fromSeed(seed);
    const context = `(kill schedule seed ${seed})`;
    const reference = join(dir, 'reference');
    const faulty = join(dir, 'faulty');
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
      `${faulty}.jsonl`,
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
      const run = startTrainer(args);
      const started = await run.waitFor(/^(resumed from checkpoint step \d+|no usable checkpoint)/);
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
      if (
        writing !== undefined &&
        !run.lines.some((line) => line.startsWith(`checkpoint: committed step ${writing} `))
      ) {
        killsDuringWrite += 1;
      }
    }
    expect(newestCommitted).toBeLessThan(STEPS); // all 20 kills landed before the run could finish

    const last = startTrainer(args);
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
    expect(killsDuringWrite).toBeGreaterThanOrEqual(5);
    for (const file of ['weights.bin', 'optimizer.bin']) {
      const expected = await shardBytes(reference, STEPS, file);
      const actual = await shardBytes(faulty, STEPS, file);
      expect(actual.equals(expected)).toBe(true);
    }
    // Every loss a killed child managed to log equals the uninterrupted run's at that step.
    const expectedLoss = await lossByStep(`${reference}.jsonl`);
    const actualLoss = await lossByStep(`${faulty}.jsonl`);
    for (const [step, loss] of actualLoss)
      expect({ step, loss }).toEqual({ step, loss: expectedLoss.get(step) });
    expect(actualLoss.get(STEPS)).toBe(expectedLoss.get(STEPS));
    process.stderr.write(
      `kill test ${context}: resumed at steps ${resumedSteps.join(', ')}; ${killsDuringWrite} kills during a write\n`,
    );
  }, 240_000);
});
