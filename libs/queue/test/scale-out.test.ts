import { jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { writeCodeTree } from './support/code-tree.js';
import { createTestbed, namespacesPermitted, type Testbed } from './support/netns.js';
import { startRedis, type RedisServer } from './support/redis-server.js';
import { runStrata, startStrata, type StrataProcess } from './support/strata-process.js';

const permitted = await namespacesPermitted();
if (!permitted) process.stderr.write('scale-out tests skipped: this user may not create network namespaces (run as root)\n');
const describeHosts = permitted ? describe : describe.skip;
const run = promisify(execFile);

const CORPUS_FLAGS = ['--variants', '2', '--seed', '3', '--workers', '1', '--json'];
const SWEEP_FLAGS = ['--graph', 'examples/graphs/unet-small.json', '--solvers', 'greedy-remat,chen-sqrtn,checkpoint-all', '--budgets', '60%..100%/20', '--json'];

/** Every file of a corpus directory: name → bytes. */
async function corpusFiles(directory: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const name of (await readdir(directory)).sort()) files.set(name, await readFile(path.join(directory, name)));
  return files;
}

/** The manifest without its timings (the `run` block: wall time, worker count and busy seconds). */
function manifestButTimings(bytes: Buffer | undefined): unknown {
  const { run: _run, ...rest } = JSON.parse(String(bytes)) as Record<string, unknown>;
  return rest;
}

/** sweep.csv without its solveSeconds column (a timing, different in any two runs). */
function csvButTimings(text: string): string {
  const rows = text.trimEnd().split('\n').map((line) => line.split(','));
  const column = rows[0]?.indexOf('solveSeconds') ?? -1;
  return rows.map((cells) => cells.filter((_, index) => index !== column).join(',')).join('\n');
}

describeHosts('scale-out over hosts in network namespaces', () => {
  // Generous: real processes on a shared 2-core machine; nothing here asserts on time.
  jest.setTimeout(900_000);
  let testbed: Testbed;
  let redis: RedisServer;
  let work: string;
  let tree: string;
  let localCorpus: Map<string, Buffer>;
  const running: StrataProcess[] = [];

  /** `strata worker` on worker host `index`, reaching Redis on the hub over its veth link. */
  const startWorker = async (index: number, extra: string[] = []): Promise<StrataProcess> => {
    const host = testbed.workers[index];
    if (!host) throw new Error(`no worker host ${index}`);
    const worker = startStrata(['worker', '--queue', `redis://${testbed.hubAddress(index)}:6379`, ...extra], host.exec);
    running.push(worker);
    await worker.waitFor(/worker .*: \d+ at once/, 600_000);
    return worker;
  };
  const stopWorkers = async (): Promise<void> => {
    for (const worker of running.splice(0)) {
      worker.kill('SIGTERM');
      await worker.exited;
    }
  };
  /** A fresh start for a fault test: no jobs in Redis, so every job runs again. */
  const flush = async (): Promise<void> => {
    await run('ip', ['netns', 'exec', testbed.hub.namespace, 'redis-cli', '-p', '6379', 'FLUSHALL']);
  };
  const queueUrl = (): string => `redis://${testbed.hubAddress(0)}:6379`;
  const buildOnQueue = (name: string): StrataProcess =>
    startStrata(
      ['code', 'corpus', 'build', '--from', tree, '--out', path.join(work, name), ...CORPUS_FLAGS, '--queue', queueUrl(), '--job-store', path.join(work, `${name}.jobs`)],
      testbed.hub.exec,
    );
  const expectSameCorpus = async (name: string): Promise<void> => {
    const built = await corpusFiles(path.join(work, name));
    expect([...built.keys()]).toEqual([...localCorpus.keys()]);
    for (const [file, bytes] of localCorpus) {
      if (file === 'manifest.json') expect(manifestButTimings(built.get(file))).toEqual(manifestButTimings(bytes));
      else expect(built.get(file)?.equals(bytes)).toBe(true);
    }
  };

  beforeAll(async () => {
    testbed = await createTestbed(2);
    redis = await startRedis({ host: testbed.hubAddress(0), port: 6379, bind: '0.0.0.0', prefix: testbed.hub.exec });
    work = await mkdtemp(path.join(tmpdir(), 'strata-scale-out-'));
    // 3 packages x 2 files x 16 functions: 96 functions, 3 augmentation jobs of 32.
    tree = await writeCodeTree({ packages: 3, files: 2, functions: 16 });
    const local = await runStrata(['code', 'corpus', 'build', '--from', tree, '--out', path.join(work, 'local'), ...CORPUS_FLAGS]);
    expect({ code: local.code, stderr: local.stderr }).toMatchObject({ code: 0 }); // stderr shown on failure
    localCorpus = await corpusFiles(path.join(work, 'local'));
  });

  afterEach(async () => {
    await stopWorkers();
  });

  afterAll(async () => {
    await stopWorkers();
    await redis?.stop();
    await testbed?.destroy();
    if (work) await rm(work, { recursive: true, force: true });
    if (tree) await rm(tree, { recursive: true, force: true });
  });

  it('a corpus built by 2 workers on 2 hosts equals the local build: shards byte for byte, manifest but for timings', async () => {
    const workers = [await startWorker(0), await startWorker(1)];
    const producer = buildOnQueue('queued');
    expect(await producer.exited).toBe(0);
    await expectSameCorpus('queued');
    expect(JSON.parse(String(localCorpus.get('manifest.json'))).shards.length).toBeGreaterThan(0);
    // Both hosts took jobs: the work was spread, not run by one.
    for (const worker of workers) expect(worker.stderr()).toMatch(/done corpus\.augment-/);

    // Run again: every job is found finished (results in the store), none is redone.
    const jobsRun = () => workers.reduce((sum, worker) => sum + (worker.stderr().match(/done corpus\.augment-/g)?.length ?? 0), 0);
    expect(jobsRun()).toBe(3);
    const again = buildOnQueue('queued');
    expect(await again.exited).toBe(0);
    expect(jobsRun()).toBe(3);
    await expectSameCorpus('queued');
  });

  it('a remat sweep planned by 2 workers on 2 hosts gives the local sweep table', async () => {
    await startWorker(0);
    await startWorker(1);
    const local = await runStrata(['remat', 'sweep', ...SWEEP_FLAGS, '--out', path.join(work, 'sweep-local')]);
    expect({ code: local.code, stderr: local.stderr }).toMatchObject({ code: 0 });
    const queued = await runStrata(
      ['remat', 'sweep', ...SWEEP_FLAGS, '--out', path.join(work, 'sweep-queued'), '--queue', queueUrl(), '--job-store', path.join(work, 'sweep.jobs')],
      testbed.hub.exec,
    );
    expect({ code: queued.code, stderr: queued.stderr }).toMatchObject({ code: 0 });
    const read = (dir: string, file: string) => readFile(path.join(work, dir, file), 'utf8');
    expect(await read('sweep-queued', 'sweep.md')).toBe(await read('sweep-local', 'sweep.md'));
    expect(csvButTimings(await read('sweep-queued', 'sweep.csv'))).toBe(csvButTimings(await read('sweep-local', 'sweep.csv')));
  });

  it('a worker killed with kill -9 mid-job: another worker finishes its job, nothing lost or duplicated', async () => {
    await flush();
    const doomed = await startWorker(0, ['--lock-seconds', '2']);
    const producer = buildOnQueue('after-kill');
    await doomed.waitFor(/took corpus\.augment-/, 600_000);
    const taken = /took (corpus\.augment-\w+)/.exec(doomed.stderr())?.[1] as string;
    doomed.kill('SIGKILL');
    expect(await doomed.exited).toBe('SIGKILL');
    const survivor = await startWorker(1, ['--lock-seconds', '2']);
    expect(await producer.exited).toBe(0);
    expect(survivor.stderr()).toContain(`done ${taken}`);
    await expectSameCorpus('after-kill');
  });

  it('Redis restarted mid-run with persistence on: the run completes with the same corpus', async () => {
    await flush();
    const workers = [await startWorker(0), await startWorker(1)];
    const producer = buildOnQueue('after-restart');
    // Mid-run: jobs are queued and at least one is in a worker's hands when Redis dies.
    await Promise.race(workers.map((worker) => worker.waitFor(/took corpus\.augment-/, 600_000)));
    await redis.crashAndRestart();
    expect(await producer.exited).toBe(0);
    await expectSameCorpus('after-restart');
  });

  it('a job that always fails lands in the dead-letter list with its error; the producer ends with one line and exit 1', async () => {
    await flush();
    const store = path.join(work, 'failing.jobs');
    const producer = startStrata(
      ['remat', 'sweep', ...SWEEP_FLAGS.slice(0, 2), '--solvers', 'checkpoint-all', '--budgets', '100%', '--out', path.join(work, 'failing'), '--queue', queueUrl(), '--job-store', store],
      testbed.hub.exec,
    );
    // Once the job is queued, its input disappears before any worker runs it: every attempt fails the same way.
    const queued = async (): Promise<number> =>
      Number((await run('ip', ['netns', 'exec', testbed.hub.namespace, 'redis-cli', '-p', '6379', 'LLEN', 'strata:jobs:wait'])).stdout);
    for (let tries = 0; (await queued()) === 0 && tries < 1200; tries += 1) await new Promise((resolve) => setTimeout(resolve, 250));
    const inputs = (await readdir(path.join(store, 'inputs'))).filter((name) => /^[0-9a-f]{64}$/.test(name));
    expect(inputs).toHaveLength(1);
    await unlink(path.join(store, 'inputs', inputs[0] as string));
    await startWorker(0);
    expect(await producer.exited).toBe(1);
    const lines = producer.stderr().trimEnd().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^strata: 1 of 1 jobs failed after 3 attempts \(first: remat\.sweep-point-\w+: .*inputs\/\w+ does not exist\); they are in Redis list strata:jobs:dead-letter/);
    const letters = await runStrata(['worker', '--queue', queueUrl(), '--dead-letters', '--json'], testbed.workers[0]?.exec);
    expect(letters.code).toBe(0);
    const { deadLetters } = JSON.parse(letters.stdout) as { deadLetters: { kind: string; attempts: number; reason: string }[] };
    expect(deadLetters[0]).toMatchObject({ kind: 'remat.sweep-point', attempts: 3, reason: expect.stringMatching(/does not exist/) });
  });
});
