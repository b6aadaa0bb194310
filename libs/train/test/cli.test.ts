/** The `strata train` command group, parsed in-process as the umbrella CLI parses it. */
import { mkdtemp, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FailureError, UsageError } from '@strata/cli';
import { runCommand } from '@strata/cli/testing';
import { trainCommand } from '../src/cli/index.js';
import { writeSyntheticData } from '../src/data/synthetic.js';
import { SYNTHETIC } from './helpers.js';

const run = (args: string[]) => runCommand(trainCommand, args);

describe('strata train CLI', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-train-cli-'));
    await writeSyntheticData(join(dir, 'data'), SYNTHETIC);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('trains, then lists and verifies its checkpoints; a damaged one makes ls --verify fail', async () => {
    const ckpt = join(dir, 'ckpt');
    const common = [
      '--model',
      'mlp:16-8-4',
      '--data',
      join(dir, 'data'),
      '--checkpoint',
      ckpt,
      '--backend',
      'cpu',
    ];
    const summary = JSON.parse(
      await run(['train', ...common, '--steps', '12', '--checkpoint-every', '5', '--json']),
    ) as {
      lastCheckpoint: number;
      stalls: unknown[];
    };
    expect(summary.lastCheckpoint).toBe(12);
    expect(summary.stalls).toHaveLength(3);
    type Listed = {
      checkpoints: {
        step: number;
        state: string;
        verified: boolean;
        folder: string;
        reason?: string;
      }[];
    };
    const ls = async (): Promise<Listed> =>
      JSON.parse(await run(['train', 'checkpoints', 'ls', ckpt, '--verify', '--json'])) as Listed;
    expect((await ls()).checkpoints.map((c) => [c.step, c.state, c.verified])).toEqual([
      [12, 'complete', true],
      [10, 'complete', true],
      [5, 'complete', true],
    ]);
    // Damaged and partial checkpoints are listed with their state; ls fails only when none is usable.
    await truncate(join(ckpt, 'ckpt-000000000010', 'weights.bin'), 3);
    await rm(join(ckpt, 'ckpt-000000000005', 'manifest.json'));
    const listed = (await ls()).checkpoints;
    expect(listed.map((c) => [c.step, c.state])).toEqual([
      [12, 'complete'],
      [10, 'damaged'],
      [5, 'partial'],
    ]);
    expect(listed[1]!.reason).toMatch(/shard weights\.bin has 3 bytes/);
    expect(listed[1]!.folder).toBe(`${ckpt}/ckpt-000000000010/`);
    await truncate(join(ckpt, 'ckpt-000000000012', 'optimizer.bin'), 0);
    await expect(run(['train', 'checkpoints', 'ls', ckpt, '--verify'])).rejects.toThrow(
      /no usable checkpoint under .* \(2 damaged, 1 partial\)/,
    );
    await expect(run(['train', 'checkpoints', 'ls', ckpt, '--verify'])).rejects.toThrow(
      FailureError,
    );
  });

  it.each([
    [['--checkpoint-every', '5x'], /--checkpoint-every '5x': give a positive step count/],
    [['--model', 'mlp:16'], /--model 'mlp:16': write mlp:IN-HIDDEN-...-OUT/],
    [['--model', 'mlp:8-4'], /--data has 16 features per example, --model mlp:8-4 takes 8/],
    [['--dropout', '1'], /--dropout must be in \[0, 1\)/],
    [['--data', '/nonexistent-strata-data'], /no \.jsonl objects there/],
  ])('bad input %j is a one-line usage error', async (flags, message) => {
    const args = [
      'train',
      '--model',
      'mlp:16-8-4',
      '--data',
      join(dir, 'data'),
      '--checkpoint',
      join(dir, 'bad'),
      '--backend',
      'cpu',
      '--steps',
      '2',
    ];
    for (let i = 0; i < flags.length; i += 2) {
      const at = args.indexOf(flags[i]!);
      if (at >= 0) args[at + 1] = flags[i + 1]!;
      else args.push(flags[i]!, flags[i + 1]!);
    }
    const failure = run(args);
    await expect(failure).rejects.toThrow(UsageError);
    await expect(failure).rejects.toThrow(message);
  });
});
