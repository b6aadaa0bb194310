/**
 * `strata code pretrain` and `strata code embed` as a user runs them (the real binary, real
 * processes): kill -9 during pretraining and --resume ends with the same weights as an
 * uninterrupted run on the cpu backend; bad input gives one line and exit 2.
 */
import { spawn } from 'node:child_process';
import { jest } from '@jest/globals';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus-fixture.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const STRATA = path.join(REPO_ROOT, 'apps/strata/bin/strata.mjs');
// Children load TF.js and train; on a shared machine this takes minutes of wall time.
jest.setTimeout(900_000);

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function strata(args: string[], onLine?: (line: string, kill: () => void) => void): Promise<Run> {
  const child = spawn(process.execPath, [STRATA, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr += `${line}\n`;
    onLine?.(line, () => child.kill('SIGKILL'));
  });
  return new Promise((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

const oneLine = (run: Run): string =>
  run.stderr
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('strata:'))
    .join('\n');

describe('strata code pretrain', () => {
  let work: string;
  let corpus: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'contracode-pretrain-'));
    corpus = path.join(work, 'corpus');
    await writeCorpus(corpus, { functions: 24, variants: true });
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const STEPS = 8;
  const settings = (checkpoint: string, encoder = 'bilstm'): string[] => [
    'code',
    'pretrain',
    '--corpus',
    corpus,
    '--encoder',
    encoder,
    '--objective',
    'hybrid',
    '--checkpoint',
    checkpoint,
    '--steps',
    String(STEPS),
    '--batch-size',
    '4',
    '--width',
    '8',
    '--sequence-length',
    '16',
    '--vocab-size',
    '400',
    '--tokenizer-functions',
    '24',
    '--checkpoint-every',
    '2',
    '--keep-last',
    '5',
    '--seed',
    '3',
    '--backend',
    'cpu',
  ];

  it('kill -9 during pretraining, then --resume: the same final weights, optimizer, queue as an uninterrupted run', async () => {
    const reference = path.join(work, 'reference');
    const faulty = path.join(work, 'faulty');
    const [uninterrupted, killed] = await Promise.all([
      strata([...settings(reference), '--metrics', `${reference}.jsonl`]),
      strata([...settings(faulty), '--metrics', `${faulty}.jsonl`], (line, kill) => {
        if (/checkpoint: committed step [2-6]\b/.test(line)) kill();
      }),
    ]);
    expect(uninterrupted.code).toBe(0);
    expect(killed.signal).toBe('SIGKILL');
    const resumed = await strata([...settings(faulty), '--metrics', `${faulty}.jsonl`, '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/resumed from checkpoint step [2-6]/);
    const final = `ckpt-${String(STEPS).padStart(12, '0')}`;
    for (const file of ['weights.bin', 'optimizer.bin']) {
      const a = await readFile(path.join(reference, final, file));
      const b = await readFile(path.join(faulty, final, file));
      expect(b.equals(a)).toBe(true);
    }
    const state = async (dir: string): Promise<unknown> =>
      (
        JSON.parse(await readFile(path.join(dir, final, 'manifest.json'), 'utf8')) as {
          state: { task: unknown };
        }
      ).state.task;
    expect(await state(faulty)).toEqual(await state(reference));
    // The loss curve is drawn as SVG beside the checkpoints.
    expect(await readFile(path.join(reference, 'loss.svg'), 'utf8')).toMatch(/^<svg/);

    // The pretrained encoder embeds a function: 128 numbers of unit length.
    const fn = path.join(work, 'fn.js');
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(fn, 'function add(a, b) {\n  return a + b;\n}\n'),
    );
    const embed = await strata(['code', 'embed', '--checkpoint', reference, '--in', fn, '--json']);
    expect(embed.code).toBe(0);
    const { embedding } = JSON.parse(embed.stdout) as { embedding: number[] };
    expect(embedding).toHaveLength(128);
    expect(Math.hypot(...embedding)).toBeCloseTo(1, 4);

    // A checkpoint of another encoder is refused, for resume and for embed of a non-ContraCode run.
    const other = await strata([...settings(reference, 'transformer'), '--resume']);
    expect(other.code).toBe(2);
    expect(oneLine(other)).toMatch(
      /^strata: the checkpoint was written with model contracode-bilstm.*this run has contracode-transformer/,
    );
    const none = await strata([
      'code',
      'embed',
      '--checkpoint',
      path.join(work, 'nothing'),
      '--in',
      fn,
    ]);
    expect(none.code).toBe(2);
    expect(oneLine(none)).toMatch(/^strata: no complete checkpoint under/);
  });

  it('refuses bad input with one line and exit 2', async () => {
    const plain = path.join(work, 'plain');
    await writeCorpus(plain, { functions: 6, variants: false });
    const base = (extra: string[]): string[] => [
      'code',
      'pretrain',
      '--checkpoint',
      path.join(work, 'bad-run'),
      '--steps',
      '2',
      '--backend',
      'cpu',
      ...extra,
    ];
    const [noCorpus, noVariants, badEncoder, badObjective, budget, momentum] = await Promise.all([
      strata(
        base([
          '--corpus',
          path.join(work, 'empty-dir'),
          '--encoder',
          'bilstm',
          '--objective',
          'moco',
        ]),
      ),
      strata(base(['--corpus', plain, '--encoder', 'bilstm', '--objective', 'moco'])),
      strata(base(['--corpus', corpus, '--encoder', 'lstm', '--objective', 'moco'])),
      strata(base(['--corpus', corpus, '--encoder', 'bilstm', '--objective', 'simclr'])),
      strata(
        base([
          '--corpus',
          corpus,
          '--encoder',
          'bilstm',
          '--objective',
          'moco',
          '--memory-budget',
          '1KiB',
        ]),
      ),
      strata(
        base(['--corpus', corpus, '--encoder', 'bilstm', '--objective', 'moco', '--momentum', '1']),
      ),
    ]);
    for (const run of [noCorpus, noVariants, badEncoder, badObjective, budget, momentum]) {
      expect(run.code).toBe(2);
      expect(oneLine(run).split('\n')).toHaveLength(1);
    }
    expect(oneLine(noCorpus)).toMatch(/has no manifest\.json: it is not a corpus/);
    expect(oneLine(noVariants)).toMatch(/has no precomputed variants.*--variants 2/);
    expect(oneLine(badEncoder)).toMatch(
      /--encoder 'lstm' does not exist: use bilstm or transformer/,
    );
    expect(oneLine(badObjective)).toMatch(/--objective 'simclr' does not exist/);
    expect(oneLine(momentum)).toMatch(/--momentum must be at least 0 and below 1 .*got 1$/);
    expect(oneLine(budget)).toMatch(
      /^strata: no remat plan fits the bilstm query encoder \(moco\) at batch 32 in --memory-budget 1KiB .*: the smallest budget that fits is \d+ bytes .*; give --memory-budget \d+ or more/,
    );
  });

  it('--memory-budget: the query step runs by a remat plan, its measured peak in the metrics log, and resumes', async () => {
    const run = path.join(work, 'planned');
    const planned = (steps: number, extra: string[] = []): Promise<Run> =>
      strata([
        ...settings(run).map((arg, i, all) =>
          all[i - 1] === '--steps' ? String(steps) : all[i - 1] === '--objective' ? 'moco' : arg,
        ),
        '--memory-budget',
        '60%',
        '--metrics',
        `${run}.jsonl`,
        ...extra,
      ]);
    const first = await planned(3);
    expect(first.code).toBe(0);
    const plan =
      /remat: milp plan for the query encoder, budget (\d+) B, predicted peak (\d+) B of (\d+) B/.exec(
        first.stderr,
      );
    expect(plan).not.toBeNull();
    const [budgetBytes, predicted, noRemat] = plan!.slice(1).map(Number) as [
      number,
      number,
      number,
    ];
    expect(budgetBytes).toBe(Math.floor(noRemat * 0.6));
    expect(predicted).toBeLessThanOrEqual(budgetBytes);
    const resumed = await planned(4, ['--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/resumed from checkpoint step 3/);
    const rows = (await readFile(`${run}.jsonl`, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { step: number; measuredPeakBytes?: number });
    expect(rows.map((row) => row.step)).toEqual([1, 2, 3, 4]);
    for (const row of rows) {
      // On the cpu backend the executor measures what the simulator predicts (within 2%).
      expect(row.measuredPeakBytes).toBeGreaterThan(0);
      expect(row.measuredPeakBytes!).toBeLessThanOrEqual(predicted * 1.02);
    }
  });

  it('on wasm without --memory-budget: a step the heap cannot hold is refused before step 1 (exit 2, no checkpoint); the small one trains', async () => {
    /** The settings above on wasm for one step, with these flags' values replaced or added. */
    const onWasm = (checkpoint: string, flags: Record<string, string> = {}): string[] => {
      const changed: Record<string, string> = { ...flags, '--backend': 'wasm', '--steps': '1' };
      const args = settings(checkpoint).map((arg, i, all) => changed[all[i - 1]!] ?? arg);
      const added = Object.entries(changed).filter(([flag]) => !args.includes(flag));
      return [...args, ...added.flat()];
    };
    const wide = path.join(work, 'wasm-wide');
    const long = path.join(work, 'wasm-long');
    const small = path.join(work, 'wasm-small');
    const [activations, recurrent, fits] = await Promise.all([
      // A feed-forward layer of 4,096 per token at batch 3,000: activations over the heap, each
      // layer's working set within it, so a remat plan would fit.
      strata(
        onWasm(wide, {
          '--encoder': 'transformer',
          '--objective': 'moco',
          '--batch-size': '3000',
          '--width': '32',
          '--heads': '1',
          '--feed-forward': '4096',
        }),
      ),
      // One BiLSTM layer's tape over 1,024 steps at batch 2,048 is over the heap by itself.
      strata(onWasm(long, { '--batch-size': '2048', '--sequence-length': '1024' })),
      strata(onWasm(small)),
    ]);
    expect(activations.code).toBe(2);
    expect(oneLine(activations).split('\n')).toHaveLength(1);
    const [, budget] =
      /^strata: a training step without a remat plan needs about [\d.]+ GiB on the wasm backend, over its 4\.00 GiB heap: give --memory-budget (\d+) \(/.exec(
        oneLine(activations),
      ) ?? [];
    expect(Number(budget)).toBeGreaterThan(0);
    expect(recurrent.code).toBe(2);
    expect(oneLine(recurrent)).toMatch(
      /^strata: the weights, gradients and one layer's working set already take [\d.]+ GiB of the wasm backend's 4\.00 GiB heap: use a smaller batch or --backend cpu$/,
    );
    for (const refused of [wide, long]) {
      expect(await readdir(refused).catch(() => [])).toEqual([]);
    }
    expect(fits.code).toBe(0);
    expect(fits.stderr).toMatch(/backend: wasm/);
    expect(await readdir(small)).toContain('ckpt-000000000001');
  });
});
