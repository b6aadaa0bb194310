/**
 * The supervisor with real processes: the trainer child is SIGKILLed (a crash), then SIGSTOPped
 * (a hang: its heartbeat stops), and each time restarted with --resume until it finishes; a child
 * that always fails spends the restart budget; a child that refuses its input is not restarted.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FailureError, UsageError } from '@strata/cli';
import { openStore } from '@strata/transfer';
import { listCheckpoints } from '../src/checkpoint/loader.js';
import { writeSyntheticData } from '../src/data/synthetic.js';
import { supervise, type Incident, type SuperviseOptions } from '../src/supervisor/supervisor.js';
import { TRAIN_MAIN } from './child-trainer.js';
import { SYNTHETIC } from './helpers.js';

async function newestComplete(uri: string): Promise<number> {
  const { store, key } = await openStore(uri);
  const all = await listCheckpoints(store, key.endsWith('/') ? key : `${key}/`).catch(() => []);
  return all.find((c) => c.complete)?.step ?? 0;
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 100));
}

describe('supervisor', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-supervise-'));
    await writeSyntheticData(join(dir, 'data'), SYNTHETIC);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const base = (overrides: Partial<SuperviseOptions>): SuperviseOptions => ({
    command: process.execPath,
    args: [],
    heartbeatTimeoutMs: 5000,
    startupTimeoutMs: 120_000,
    maxRestarts: 3,
    baseBackoffMs: 50,
    maxBackoffMs: 1000,
    log: () => undefined,
    output: 'ignore',
    env: { ...process.env, NODE_OPTIONS: '' },
    ...overrides,
  });

  it('restarts a crashed and a hung trainer, logs both incidents, and the run finishes', async () => {
    const checkpoint = join(dir, 'ckpt');
    const incidentLog = join(dir, 'incidents.jsonl');
    const steps = 100;
    const pids: number[] = [];
    const faults: Promise<void>[] = [];
    const summary = await supervise(
      base({
        // What `strata train ... --supervise` runs: the same command with --resume.
        args: [
          '--import',
          'tsx',
          TRAIN_MAIN,
          'train',
          '--model',
          'mlp:16-32-32-4',
          '--data',
          join(dir, 'data'),
          '--checkpoint',
          checkpoint,
          '--steps',
          String(steps),
          '--batch-size',
          '8',
          '--seed',
          '3',
          '--checkpoint-every',
          '5',
          '--backend',
          'cpu',
          '--resume',
        ],
        incidentLog,
        onChild: (pid) => {
          pids.push(pid);
          const before = pids.length;
          if (before > 2) return;
          faults.push(
            (async () => {
              const start = await newestComplete(checkpoint);
              await until(async () => (await newestComplete(checkpoint)) > start);
              process.kill(pid, before === 1 ? 'SIGKILL' : 'SIGSTOP');
            })(),
          );
        },
      }),
    );
    await Promise.all(faults);
    expect(pids).toHaveLength(3);
    expect(summary.restarts).toBe(2);
    expect(summary.lastStep).toBe(steps);
    const causes = summary.incidents.map((i) => [i.cause, i.signal, i.action]);
    expect(causes).toEqual([
      ['signal', 'SIGKILL', 'restart'],
      ['heartbeat-timeout', 'SIGKILL', 'restart'],
    ]);
    const logged = (await readFile(incidentLog, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Incident);
    expect(logged).toEqual(summary.incidents);
    expect(logged[0]!.lastStep).toBeGreaterThan(0);
    expect(await newestComplete(checkpoint)).toBe(steps);
  }, 180_000);

  it('gives up when the restart budget is spent', async () => {
    const logs: string[] = [];
    const run = supervise(
      base({ args: ['-e', 'process.exit(3)'], maxRestarts: 2, log: (line) => logs.push(line) }),
    );
    await expect(run).rejects.toThrow(FailureError);
    await expect(run).rejects.toThrow(
      /failed 3 times \(last: exited with code 3\); restart budget of 2 spent/,
    );
    expect(logs).toEqual([
      expect.stringMatching(/exited with code 3 at step none; restart 1 of 2 in 50 ms/),
      expect.stringMatching(/restart 2 of 2 in 100 ms/),
    ]);
  });

  it('does not restart a trainer that refused its input (exit 2)', async () => {
    const run = supervise(
      base({
        args: [
          '--import',
          'tsx',
          TRAIN_MAIN,
          'train',
          '--model',
          'mlp:x',
          '--data',
          dir,
          '--checkpoint',
          dir,
        ],
      }),
    );
    await expect(run).rejects.toThrow(UsageError);
  }, 60_000);
});
