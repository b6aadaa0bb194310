/**
 * Fault tests with real processes: the strata CLI is spawned, killed with SIGKILL and run again;
 * s3rver runs as its own process and is killed and restarted under a running transfer; a
 * ranged GET is corrupted on the wire. Data is generated in a temp dir, never committed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  s3Environment,
  startS3Server,
  S3RVER_CREDENTIALS,
  type TestServer,
} from '@strata/test-servers';
import { transfer } from '../../src/engine/api.js';
import type { TransferSummary } from '../../src/engine/options.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const CLI = join(REPO, 'apps', 'strata', 'bin', 'strata.mjs');
const MiB = 1024 * 1024;

let server: TestServer;
let root: string;

function cliEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: root,
    ...s3Environment(server),
    // The AWS SDK warns about Node 20 on stderr; keep stderr to what strata says.
    NODE_NO_WARNINGS: '1',
  };
}

function startCli(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, [CLI, 'transfer', ...args], {
    env: cliEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

async function cli(args: string[]) {
  return startCli(args).done;
}

async function writeRandomFile(path: string, mib: number): Promise<void> {
  const handle = await open(path, 'w');
  for (let i = 0; i < mib; i += 1) await handle.write(randomBytes(MiB));
  await handle.close();
}

async function md5Of(stream: AsyncIterable<unknown>): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const storeOptions = () => ({ s3: { endpoint: server.endpoint, credentials: S3RVER_CREDENTIALS } });

async function remoteMd5(key: string): Promise<string> {
  const { S3Store } = await import('../../src/stores/s3/s3-store.js');
  const store = new S3Store('bucket', storeOptions().s3);
  return md5Of(await store.read(key));
}

/** Finished parts recorded in the (single) manifest in `stateDir`, 0 while there is none. */
async function recordedParts(stateDir: string): Promise<number> {
  const names = await readdir(stateDir).catch(() => [] as string[]);
  const manifest = names.find((name) => name.endsWith('.json'));
  if (!manifest) return 0;
  try {
    const data = JSON.parse(await readFile(join(stateDir, manifest), 'utf8')) as {
      uploads: Record<string, { parts: object }>;
    };
    return Object.values(data.uploads).reduce(
      (total, upload) => total + Object.keys(upload.parts).length,
      0,
    );
  } catch {
    return 0;
  }
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  server = await startS3Server({ buckets: ['bucket'] });
});
afterAll(() => server.stop());
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-transfer-faults-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

it('a CLI killed with SIGKILL mid-upload of 200 MiB resumes: byte-identical, finished parts not sent again', async () => {
  const src = join(root, 'big.bin');
  await writeRandomFile(src, 200);
  const stateDir = join(root, 'state');
  const args = [
    'cp',
    src,
    's3://bucket/resume/big.bin',
    '--part-size',
    '8MiB',
    '--concurrency',
    '4',
    '--state-dir',
    stateDir,
    '--json',
  ];
  const parts = 25;

  const first = startCli(args);
  await waitFor(async () => (await recordedParts(stateDir)) >= 5, 120_000);
  first.child.kill('SIGKILL');
  const killed = await first.done;
  expect(killed.code).toBeNull(); // died by the signal, not by finishing
  const finishedBeforeKill = await recordedParts(stateDir);
  expect(finishedBeforeKill).toBeGreaterThanOrEqual(5);
  expect(finishedBeforeKill).toBeLessThan(parts);

  const second = await cli(args);
  expect(second.code).toBe(0);
  const summary = JSON.parse(second.stdout) as TransferSummary;
  expect(summary.partsResumed).toBe(finishedBeforeKill);
  expect(summary.partsSent).toBe(parts - finishedBeforeKill);
  expect(await remoteMd5('resume/big.bin')).toBe(await md5Of(createReadStream(src)));
  expect(await readdir(stateDir)).toEqual([]); // the manifest is gone once the object is complete
}, 200_000);

it('survives the S3 server being killed and restarted mid-transfer (retries with backoff)', async () => {
  const src = join(root, 'mid.bin');
  await writeRandomFile(src, 64);
  const stateDir = join(root, 'state');
  const run = startCli([
    'cp',
    src,
    's3://bucket/restart/mid.bin',
    '--multipart-threshold',
    '5MiB',
    '--part-size',
    '5MiB',
    '--concurrency',
    '2',
    '--state-dir',
    stateDir,
    '--json',
  ]);
  await waitFor(async () => (await recordedParts(stateDir)) >= 2, 120_000);
  await server.kill();
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // refused connections meanwhile
  await server.restart();
  const result = await run.done;
  expect({
    code: result.code,
    stderr: result.stderr.split('\n').filter((l) => l.startsWith('failed')),
  }).toEqual({ code: 0, stderr: [] });
  const summary = JSON.parse(result.stdout) as TransferSummary;
  expect(summary.retries).toBeGreaterThan(0);
  expect(summary.failed).toEqual([]);
  expect(await remoteMd5('restart/mid.bin')).toBe(await md5Of(createReadStream(src)));
}, 200_000);

it('detects bytes corrupted in one ranged GET and fetches them again', async () => {
  const src = join(root, 'c.bin');
  await writeRandomFile(src, 24);
  await transfer(
    src,
    's3://bucket/corrupt/c.bin',
    { stateDir: join(root, 'state') },
    {},
    storeOptions(),
  );
  await server.corruptNextRangedGets(1);
  const out = join(root, 'out.bin');
  const result = await cli([
    'cp',
    's3://bucket/corrupt/c.bin',
    out,
    '--multipart-threshold',
    '8MiB',
    '--part-size',
    '6MiB',
    '--state-dir',
    join(root, 'state'),
    '--json',
  ]);
  expect(result.code).toBe(0);
  const summary = JSON.parse(result.stdout) as TransferSummary;
  expect(summary.partsRepaired).toBe(1);
  expect(await md5Of(createReadStream(out))).toBe(await md5Of(createReadStream(src)));
}, 120_000);
