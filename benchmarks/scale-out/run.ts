// Scale-out benchmark (issue 19): corpus-building throughput locally and on 1 and 2 queue workers
// on network-namespace hosts, and the queue's overhead per job (empty jobs per second).
//   npx tsx benchmarks/scale-out/run.ts [--packages 4] [--files 4] [--functions 16] [--variants 2] [--empty-jobs 500]
// Writes results.json beside this file; results.md is written by hand from it, with the load.
import { execFile, spawn } from 'node:child_process';
import { readFile, rm, mkdtemp, writeFile } from 'node:fs/promises';
import { freemem, loadavg, totalmem, availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { writeCodeTree } from '../../libs/queue/test/support/code-tree.js';
import { createTestbed } from '../../libs/queue/test/support/netns.js';
import { startRedis } from '../../libs/queue/test/support/redis-server.js';
import { startStrata, type StrataProcess } from '../../libs/queue/test/support/strata-process.js';

const run = promisify(execFile);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    packages: { type: 'string', default: '4' },
    files: { type: 'string', default: '4' },
    functions: { type: 'string', default: '16' },
    variants: { type: 'string', default: '2' },
    'empty-jobs': { type: 'string', default: '500' },
  },
});
const TICKS = 100; // clock ticks per second in /proc/<pid>/stat on Linux

/** CPU seconds (user + system) a live process has used. */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** Runs a strata command on a host to the end; wall seconds, and CPU seconds of it and its threads. */
async function timed(args: string[], prefix: string[]): Promise<{ wall: number; cpu: number; stdout: string }> {
  const started = performance.now();
  const child = startStrata(args, prefix);
  let cpu = 0;
  const sampler = setInterval(() => {
    if (child.child.pid) void cpuSeconds(child.child.pid).then((seconds) => (cpu = seconds)).catch(() => undefined);
  }, 200);
  const code = await child.exited;
  clearInterval(sampler);
  if (code !== 0) throw new Error(`strata ${args.join(' ')} exited ${code}: ${child.stderr()}`);
  return { wall: (performance.now() - started) / 1000, cpu, stdout: child.stdout() };
}

const load = (): number[] => loadavg().map((value) => Number(value.toFixed(2)));
const machine = {
  cpus: availableParallelism(),
  memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
  freeGiB: Number((freemem() / 2 ** 30).toFixed(1)),
  node: process.version,
  uptimeAtStart: (await run('uptime')).stdout.trim(),
};
const testbed = await createTestbed(2);
const redis = await startRedis({ host: testbed.hubAddress(0), port: 6379, bind: '0.0.0.0', prefix: testbed.hub.exec });
const work = await mkdtemp(path.join(tmpdir(), 'strata-bench-scale-'));
const tree = await writeCodeTree({ packages: Number(values.packages), files: Number(values.files), functions: Number(values.functions) });
const flags = ['--from', tree, '--variants', values.variants as string, '--seed', '0', '--json'];
const flush = () => run('ip', ['netns', 'exec', testbed.hub.namespace, 'redis-cli', '-p', '6379', 'FLUSHALL']);
const results: Record<string, unknown> = { machine, options: values };
const workers: StrataProcess[] = [];

async function startWorkers(count: number, extra: string[] = []): Promise<StrataProcess[]> {
  const started: StrataProcess[] = [];
  for (let index = 0; index < count; index += 1) {
    const host = testbed.workers[index];
    if (!host) throw new Error('too few hosts');
    const worker = startStrata(['worker', '--queue', `redis://${testbed.hubAddress(index)}:6379`, ...extra], host.exec);
    await worker.waitFor(/at once/);
    started.push(worker);
  }
  workers.push(...started);
  return started;
}
async function stopWorkers(): Promise<void> {
  for (const worker of workers.splice(0)) {
    worker.kill('SIGTERM');
    await worker.exited;
  }
}

try {
  // Local: the build's own pool of 2 worker threads, on the hub host.
  const loadLocal = load();
  const local = await timed(['code', 'corpus', 'build', ...flags, '--out', path.join(work, 'local')], testbed.hub.exec);
  const functions = (JSON.parse(local.stdout) as { manifest: { functions: { kept: number } } }).manifest.functions.kept;
  results.functions = functions;
  results.local = { ...local, stdout: undefined, load: loadLocal, functionsPerSecond: functions / local.wall, functionsPerCpuSecond: functions / local.cpu };

  // On the queue: 1 worker, then 2 workers (one job thread each), each run from an empty queue and store.
  for (const count of [1, 2]) {
    await flush();
    const started = await startWorkers(count);
    const before = await Promise.all(started.map((worker) => cpuSeconds(worker.child.pid as number)));
    const loadQueued = load();
    const producer = await timed(
      ['code', 'corpus', 'build', ...flags, '--out', path.join(work, `queued-${count}`), '--queue', `redis://${testbed.hubAddress(0)}:6379`, '--job-store', path.join(work, `jobs-${count}`)],
      testbed.hub.exec,
    );
    const after = await Promise.all(started.map((worker) => cpuSeconds(worker.child.pid as number)));
    const workerCpu = after.reduce((sum, value, index) => sum + value - (before[index] ?? 0), 0);
    await stopWorkers();
    const same = (await readFile(path.join(work, `queued-${count}`, 'train-00000.jsonl'))).equals(await readFile(path.join(work, 'local', 'train-00000.jsonl')));
    results[`queue-${count}`] = {
      wall: producer.wall,
      producerCpu: producer.cpu,
      workerCpu,
      load: loadQueued,
      functionsPerSecond: functions / producer.wall,
      functionsPerCpuSecond: functions / (producer.cpu + workerCpu),
      firstTrainShardIdenticalToLocal: same,
    };
  }

  // Overhead per job: empty jobs from the hub to one worker host, through Strata and as bare BullMQ jobs.
  const count = values['empty-jobs'] as string;
  for (const mode of ['raw', 'strata']) {
    await flush();
    const host = testbed.workers[0];
    if (!host) throw new Error('no host');
    const noopWorker = spawn(
      host.exec[0] as string,
      [...host.exec.slice(1), process.execPath, '--import', 'tsx', path.join(HERE, 'noop-worker.ts'), `redis://${testbed.hubAddress(0)}:6379`, mode, '8'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    await new Promise<void>((resolve) => noopWorker.stderr?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve()));
    await new Promise((resolve) => setTimeout(resolve, 3000)); // job threads and BullMQ connections up
    const loadNoop = load();
    const redisBefore = await cpuSeconds(redis.pid());
    const workerBefore = await cpuSeconds(noopWorker.pid as number);
    const { stdout } = await run(testbed.hub.exec[0] as string, [...testbed.hub.exec.slice(1), process.execPath, '--import', 'tsx', path.join(HERE, 'noop-producer.ts'), `redis://${testbed.hubAddress(0)}:6379`, mode, count, path.join(work, `noop-${mode}`)]);
    const redisCpuSeconds = (await cpuSeconds(redis.pid())) - redisBefore;
    const workerCpuSeconds = (await cpuSeconds(noopWorker.pid as number)) - workerBefore;
    noopWorker.kill('SIGTERM');
    await new Promise((resolve) => noopWorker.once('exit', resolve));
    const measured = JSON.parse(stdout) as { jobs: number };
    results[`empty-${mode}`] = {
      ...measured,
      redisCpuSeconds,
      redisCpuMsPerJob: (1000 * redisCpuSeconds) / measured.jobs,
      workerCpuSeconds,
      load: loadNoop,
      workerConcurrency: 8,
    };
  }
  const info = (await run('redis-server', ['--version'])).stdout.trim();
  results.redis = info;
  results.loadAtEnd = load();
  await writeFile(path.join(HERE, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} finally {
  await stopWorkers();
  await redis.stop();
  await testbed.destroy();
  await rm(work, { recursive: true, force: true });
  await rm(tree, { recursive: true, force: true });
}
