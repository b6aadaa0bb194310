/**
 * The paths of issue 20 that used to lose a run or mislead, each through the real `strata train`
 * CLI (a child process, killed for real where the path needs it) and real stores: a local folder,
 * a plain s3rver and the GCS test server, with stored objects damaged on the server's disk.
 * After every run the store is listed and compared with what the run printed: no run may report
 * a checkpoint the store does not hold.
 */
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestServer } from '@strata/test-servers';
import { writeSyntheticData } from '../src/data/synthetic.js';
import { startTrainer, type ChildRun } from './child-trainer.js';
import { SYNTHETIC } from './helpers.js';
import { expectStoreHoldsReported, ledgerOf, verifiedSteps } from './run-ledger.js';
import { gcsStore, localStore, s3Store, type TestStore } from './test-stores.js';

const WEIGHTS = 'weights.bin';
const folder = (step: number): string => `ckpt-${String(step).padStart(12, '0')}`;

let dir: string;
let data: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strata-fault-paths-'));
  data = join(dir, 'data');
  await writeSyntheticData(data, SYNTHETIC);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The CLI's arguments; `extra` adds flags or replaces the value of one given here. */
function trainArgs(checkpoint: string, steps: number, extra: string[] = []): string[] {
  const args = [
    '--model',
    'mlp:16-8-4',
    '--data',
    data,
    '--checkpoint',
    checkpoint,
    '--steps',
    String(steps),
    '--batch-size',
    '8',
    '--seed',
    '7',
    '--checkpoint-every',
    '10',
    '--keep-last',
    '3',
    '--backend',
    'cpu',
  ];
  for (let i = 0; i < extra.length; i += 1) {
    const flag = extra[i]!;
    const value = extra[i + 1];
    const hasValue = value !== undefined && !value.startsWith('--');
    const at = args.indexOf(flag);
    if (at >= 0 && hasValue) args[at + 1] = value;
    else args.push(...(hasValue ? [flag, value] : [flag]));
    if (hasValue) i += 1;
  }
  return args;
}

interface Finished extends ChildRun {
  code: number | null;
}

/** Runs the CLI to its end, then checks the store against what it printed. */
async function train(
  store: TestStore,
  checkpoint: string,
  args: string[],
  check = true,
): Promise<Finished> {
  const run = startTrainer(args, store.env);
  const { code } = await run.exited;
  if (check) await expectStoreHoldsReported(run, checkpoint, code);
  return { ...run, code };
}

/** One line of stderr starting with `strata:` (the CLI's error line). */
/**
 * Puts a regular file where the directory `path` is. The directory is renamed away, not removed
 * (the trainer may be writing into it), and the trainer may create it again between the rename and
 * the write: then it is moved away again, until the file holds.
 */
async function replaceWithFile(path: string, content: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    await rename(path, `${path}.gone-${attempt}`).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    try {
      await writeFile(path, content, { flag: 'wx' });
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'EEXIST' && code !== 'EISDIR') || attempt >= 50) throw error;
    }
  }
}

const errorLine = (run: ChildRun): string =>
  run.lines.filter((line) => line.startsWith('strata:')).join('\n');

type Scenario = 'mix' | 'damaged-newest' | 'all-damaged';

/**
 * The scenarios a store must pass. Every store gets the damaged newest checkpoint (where the
 * store's own read check matters); the others run on local disk and one server each, to keep CI
 * time modest.
 */
function storeScenarios(open: () => Promise<TestStore>, scenarios: Scenario[]): void {
  // A scenario a store does not run is not registered at all (not reported as skipped).
  const when =
    (scenario: Scenario) =>
    (name: string, test: () => Promise<void>, timeout: number): void => {
      if (scenarios.includes(scenario)) it(name, test, timeout);
    };
  let store: TestStore;
  let restore: () => void = () => undefined;
  beforeAll(async () => {
    store = await open();
    // This process lists the store too: same environment as the children.
    const saved = Object.keys(store.env).map((name) => [name, process.env[name]] as const);
    Object.assign(process.env, store.env);
    restore = () => {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    };
  });
  afterAll(async () => {
    restore();
    await store?.stop();
  });

  when('mix')(
    'defect 2: refuses to mix with an older run; --overwrite replaces it and keeps its own checkpoints',
    async () => {
      const uri = store.uri('mix');
      const older = await train(store, uri, trainArgs(uri, 40));
      expect(older.code).toBe(0);
      expect(await verifiedSteps(uri)).toEqual([40, 30, 20]);

      const refused = await train(store, uri, trainArgs(uri, 30));
      expect(refused.code).toBe(2);
      expect(errorLine(refused)).toMatch(
        /holds checkpoints of another run \(steps 20, 30, 40\): pass --resume .* --overwrite/,
      );
      expect(ledgerOf(refused).committed).toEqual([]);
      expect(await verifiedSteps(uri)).toEqual([40, 30, 20]);

      const replaced = await train(store, uri, trainArgs(uri, 30, ['--overwrite']));
      expect(replaced.code).toBe(0);
      expect(ledgerOf(replaced).kept).toEqual([10, 20, 30]);
      expect(await verifiedSteps(uri)).toEqual([30, 20, 10]);
    },
    300_000,
  );

  when('damaged-newest')(
    'defect 1: a damaged object of the newest checkpoint on the server: ls --verify says so, --resume falls back',
    async () => {
      const uri = store.uri('damaged-newest');
      expect((await train(store, uri, trainArgs(uri, 30))).code).toBe(0);
      await store.damage('damaged-newest', `${folder(30)}/${WEIGHTS}`);

      const ls = startTrainer(['checkpoints', 'ls', uri, '--verify', '--json'], store.env);
      expect((await ls.exited).code).toBe(0);
      const listed = JSON.parse(ls.out.join('')) as {
        checkpoints: { step: number; state: string; reason?: string }[];
      };
      expect(listed.checkpoints.map((c) => [c.step, c.state])).toEqual([
        [30, 'damaged'],
        [20, 'complete'],
        [10, 'complete'],
      ]);
      expect(listed.checkpoints[0]!.reason).toMatch(/weights\.bin/);

      const resumed = await train(store, uri, trainArgs(uri, 40, ['--resume']));
      expect(resumed.code).toBe(0);
      expect(resumed.lines.join('\n')).toMatch(/falling back to the previous checkpoint/);
      expect(resumed.lines).toContain(`resumed from checkpoint step 20 (${uri}/${folder(20)}/)`);
      expect(await verifiedSteps(uri)).toEqual([40, 30, 20]);
    },
    300_000,
  );

  when('all-damaged')(
    'defect 4: when every checkpoint is damaged, --resume refuses with the list and changes nothing',
    async () => {
      const uri = store.uri('all-damaged');
      expect((await train(store, uri, trainArgs(uri, 20))).code).toBe(0);
      await store.damage('all-damaged', `${folder(20)}/${WEIGHTS}`);
      await store.damage('all-damaged', `${folder(10)}/optimizer.bin`);

      const refused = await train(store, uri, trainArgs(uri, 30, ['--resume']));
      expect(refused.code).toBe(2);
      expect(errorLine(refused)).toMatch(
        /every checkpoint under .* is damaged \(step 20: .*weights\.bin.*; step 10: .*optimizer\.bin.*\); nothing was changed: .* --overwrite/,
      );
      expect(ledgerOf(refused).committed).toEqual([]);
      const ls = startTrainer(['checkpoints', 'ls', uri, '--verify'], store.env);
      expect((await ls.exited).code).toBe(1);
      expect(ls.out.join('\n')).toMatch(/damaged/);

      const fresh = await train(store, uri, trainArgs(uri, 20, ['--resume', '--overwrite']));
      expect(fresh.code).toBe(0);
      expect(fresh.lines.join('\n')).toMatch(/--overwrite: deleted 2 checkpoint folder/);
      expect(await verifiedSteps(uri)).toEqual([20, 10]);
    },
    300_000,
  );
}

describe('fault paths on a local folder', () => {
  const store = localStore(join(tmpdir(), `strata-fault-local-${process.pid}`));
  afterAll(async () => {
    await rm(join(tmpdir(), `strata-fault-local-${process.pid}`), { recursive: true, force: true });
  });
  storeScenarios(async () => store, ['mix', 'damaged-newest', 'all-damaged']);

  it('defect 3: a location under a regular file stops before the first step, also under --supervise', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a directory\n');
    const uri = join(file, 'ck');
    const run = await train(store, uri, trainArgs(uri, 30));
    expect(run.code).toBe(2);
    expect(errorLine(run)).toMatch(new RegExp(`${file} is a file, not a directory`));
    expect(run.lines.some((line) => line.startsWith('checkpoint:'))).toBe(false);

    const supervised = await train(
      store,
      uri,
      trainArgs(uri, 30, ['--supervise', '--max-restarts', '2']),
      false,
    );
    expect(supervised.code).toBe(2);
    // One child, not three: exit 2 is not restarted.
    expect(supervised.lines.filter((line) => /is a file, not a directory/.test(line))).toHaveLength(
      1,
    );
    expect(errorLine(supervised)).toMatch(/refused its input \(exit 2\)/);
    expect(await readFile(file, 'utf8')).toBe('not a directory\n');
  }, 300_000);

  it('defect 3: a checkpoint that fails during the run stops it (or, asked, training goes on and the exit says so)', async () => {
    for (const policy of ['stop', 'continue'] as const) {
      const uri = join(dir, `vanishing-${policy}`);
      const metrics = join(dir, `vanishing-${policy}.jsonl`);
      const steps = policy === 'stop' ? 1_000_000 : 300;
      const run = startTrainer(
        trainArgs(uri, steps, ['--metrics', metrics, '--on-checkpoint-failure', policy]),
      );
      expect(await run.waitFor(/^checkpoint: committed step 10 /)).toBeDefined();
      // The location turns into a regular file: every later write fails for good.
      await replaceWithFile(uri, 'in the way\n');
      const { code } = await run.exited;
      expect(code).toBe(1);
      const failed = run.lines.filter((line) => /checkpoint step \d+ was not written/.test(line));
      expect(failed.length).toBeGreaterThan(0);
      expect(failed[0]).toContain(uri); // the path keeps its leading '/'
      const last = JSON.parse((await readFile(metrics, 'utf8')).trim().split('\n').at(-1)!) as {
        step: number;
      };
      if (policy === 'stop') {
        expect(errorLine(run)).toMatch(/checkpoint step \d+ was not written.*stopping/);
        expect(last.step).toBeLessThan(steps);
      } else {
        expect(failed.length).toBeGreaterThan(1); // each failed checkpoint is reported
        expect(errorLine(run)).toMatch(/the final checkpoint \(step 300\) was not written/);
        expect(last.step).toBe(steps);
      }
    }
  }, 300_000);

  it('defect 5: after kill -9, the metrics log holds every step up to the last committed checkpoint', async () => {
    const uri = join(dir, 'metrics-kill');
    const metrics = join(dir, 'metrics-kill.jsonl');
    const run = startTrainer(
      trainArgs(uri, 1_000_000, ['--metrics', metrics, '--checkpoint-every', '7']),
    );
    const line = await run.waitFor(/^checkpoint: committed step (2[1-9]|[3-9]\d|\d{3,}) /);
    run.child.kill('SIGKILL');
    await run.exited;
    const newest = Math.max(...ledgerOf(run).committed);
    expect(newest).toBeGreaterThanOrEqual(Number(/step (\d+)/.exec(line!)![1]));
    const logged = new Set(
      (await readFile(metrics, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { step: number }).step),
    );
    const missing = Array.from({ length: newest }, (_, i) => i + 1).filter((s) => !logged.has(s));
    expect({ newest, missing }).toEqual({ newest, missing: [] });
    await expectStoreHoldsReported(run, uri, null);
  }, 300_000);

  it('defect 6: /proc does not hang, an empty range says so, paths keep their /, retention leaves no empty folders', async () => {
    const proc = await train(store, '/proc/strata-ck', trainArgs('/proc/strata-ck', 20), false);
    expect(proc.code).toBe(2);
    expect(errorLine(proc)).toMatch(/cannot create the directory \/proc\/strata-ck/);

    const uri = join(dir, 'retention');
    const full = await train(
      store,
      uri,
      trainArgs(uri, 100, ['--checkpoint-every', '5', '--keep-last', '2']),
    );
    expect(full.code).toBe(0);
    expect((await readdir(uri)).filter((name) => name.startsWith('ckpt-')).sort()).toEqual([
      folder(95),
      folder(100),
    ]);
    expect(
      full.lines.filter((l) => /^checkpoint: deleted step \d+ \(retention\)/.test(l)),
    ).toHaveLength(18);

    const nothing = await train(store, uri, trainArgs(uri, 50, ['--resume']));
    expect(nothing.code).toBe(0);
    expect(nothing.out.join('\n')).toMatch(
      /nothing to train: the newest checkpoint is at step 100, --steps is 50/,
    );
    expect(nothing.out.join('\n')).not.toMatch(/trained steps/);
    expect(nothing.lines).toContain(`resumed from checkpoint step 100 (${uri}/${folder(100)}/)`);
    expect(await verifiedSteps(uri)).toEqual([100, 95]);
  }, 300_000);
});

describe('fault paths on a plain s3rver', () => {
  storeScenarios(() => s3Store(true), ['mix', 'damaged-newest']);
});

describe('fault paths on the GCS test server', () => {
  storeScenarios(() => gcsStore(), ['damaged-newest', 'all-damaged']);
});

describe('a store that stops answering', () => {
  let store: TestStore & { server: TestServer };
  let restore = (): void => undefined;
  beforeAll(async () => {
    store = await gcsStore();
    const saved = process.env['STORAGE_EMULATOR_HOST'];
    process.env['STORAGE_EMULATOR_HOST'] = store.server.endpoint;
    restore = () => {
      if (saved === undefined) delete process.env['STORAGE_EMULATOR_HOST'];
      else process.env['STORAGE_EMULATOR_HOST'] = saved;
    };
  });
  afterAll(async () => {
    restore();
    await store?.stop();
  });

  it('defect 6: a checkpoint write that never finishes times out and stops the run', async () => {
    const uri = store.uri('hung');
    const run = startTrainer(trainArgs(uri, 1_000_000, ['--checkpoint-timeout', '4s']), store.env);
    expect(await run.waitFor(/^checkpoint: committed step 10 /)).toBeDefined();
    process.kill(store.server.pid, 'SIGSTOP'); // connections are accepted, nothing is answered
    try {
      const { code } = await run.exited;
      expect(code).toBe(1);
      expect(errorLine(run)).toMatch(
        /was not written \(the write did not finish within 4\.0 s\); stopping/,
      );
    } finally {
      process.kill(store.server.pid, 'SIGCONT');
    }
    await expectStoreHoldsReported(run, uri, 1);
  }, 300_000);
});
