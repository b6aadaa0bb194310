import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@strata/cli';
import { runCommand } from '@strata/cli/testing';
import { linearChain, toStrataJson } from '@strata/graph';
import { rematCommand } from '../src/cli/index.js';
import { expandBudgets } from '../src/sweep/index.js';

/** A fresh parser per run with the umbrella's conventions; returns what the command printed on stdout. */
const runRemat = (args: string[]) => runCommand(rematCommand, args);

let dir: string;
let chain: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remat-cmd-'));
  chain = join(dir, 'chain.json');
  await writeFile(chain, toStrataJson(linearChain(8, { cost: 2, bytes: 1000 })));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('remat', () => {
  it('alone prints its help (its verbs), not a parser complaint', async () => {
    const out = await runRemat(['remat']);
    expect(out).toMatch(/Commands:/);
    expect(out).toMatch(/remat plan/);
    expect(out).toMatch(/remat sweep/);
  });
});

describe('remat plan', () => {
  it('prints a short human table', async () => {
    const out = await runRemat([
      'remat',
      'plan',
      '--graph',
      chain,
      '--budget',
      '70%',
      '--solver',
      'revolve',
    ]);
    expect(out).toMatch(/feasible\s+yes/);
    expect(out).toMatch(/overhead\s+\d+\.\d{4}× \(cost \d+ vs 34 without recomputation\)/);
    expect(out.trim().split('\n').length).toBeLessThan(12);
  });

  it('answers a budget too small with feasible false (exit 0: an answer, not an error)', async () => {
    const out = await runRemat([
      'remat',
      'plan',
      '--graph',
      chain,
      '--budget',
      '1',
      '--solver',
      'checkpoint-all',
      '--json',
    ]);
    expect(JSON.parse(out)).toMatchObject({
      feasible: false,
      cost: null,
      overhead: null,
      peakBytes: null,
      budgetBytes: 1,
      schedule: [],
    });
  });

  it('says when revolve does not apply', async () => {
    const diamond = join(dir, 'diamond.json');
    const node = (id: number) => ({
      id,
      name: `n${id}`,
      kind: 'forward',
      cost: 1,
      outputBytes: 1,
      paramBytes: 0,
    });
    const edges = [
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
    ].map(([source, target]) => ({ source, target }));
    await writeFile(
      diamond,
      JSON.stringify({
        format: 'strata-graph',
        version: 1,
        name: 'diamond',
        nodes: [0, 1, 2, 3].map(node),
        edges,
      }),
    );
    const out = await runRemat([
      'remat',
      'plan',
      '--graph',
      diamond,
      '--budget',
      '100%',
      '--solver',
      'revolve',
    ]);
    expect(out).toMatch(/feasible\s+no/);
    expect(out).toMatch(/revolve is not applicable/);
  });

  it('rejects a time limit that is not a positive number of seconds', async () => {
    for (const limit of ['abc', '0', '-3']) {
      await expect(
        runRemat(['remat', 'plan', '--graph', chain, '--budget', '70%', '--time-limit', limit]),
      ).rejects.toThrow(/time limit/);
    }
  });

  it('names a missing graph file', async () => {
    await expect(
      runRemat(['remat', 'plan', '--graph', join(dir, 'nope.json'), '--budget', '70%']),
    ).rejects.toThrow(/no such file/);
  });
});

describe('remat sweep', () => {
  it('writes CSV, markdown, the vega-lite spec and its SVG, and prints the table', async () => {
    const out = join(dir, 'sweep');
    const printed = await runRemat([
      'remat',
      'sweep',
      '--graph',
      chain,
      '--solvers',
      'revolve,checkpoint-all',
      '--budgets',
      '60%..100%/20',
      '--out',
      out,
    ]);
    expect(printed).toMatch(/\| budget \| revolve \| checkpoint-all \|/);
    const csv = (await readFile(join(out, 'sweep.csv'), 'utf8')).trim().split('\n');
    expect(csv[0]).toMatch(/^solver,budget,budgetBytes,budgetPercent,feasible/);
    expect(csv).toHaveLength(1 + 2 * 3);
    const spec = JSON.parse(await readFile(join(out, 'sweep.vl.json'), 'utf8')) as {
      data: { values: unknown[] };
    };
    expect(spec.data.values.length).toBeGreaterThan(0);
    const svg = await readFile(join(out, 'sweep.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Overhead');
    expect(await readFile(join(out, 'sweep.md'), 'utf8')).toMatch(
      /\| 100% \| 1\.000× \| 1\.000× \|/,
    );
  });

  it('rejects bad budgets and unknown solvers before writing anything', async () => {
    const out = join(dir, 'never');
    await expect(
      runRemat(['remat', 'sweep', '--graph', chain, '--budgets', '90%..50%/10', '--out', out]),
    ).rejects.toThrow(UsageError);
    await expect(
      runRemat(['remat', 'sweep', '--graph', chain, '--solvers', 'revolve,magic', '--out', out]),
    ).rejects.toThrow(/unknown solver 'magic'/);
    await expect(access(out)).rejects.toThrow();
  });
});

describe('expandBudgets', () => {
  it('expands ranges and lists', () => {
    expect(expandBudgets('50%..100%/10')).toEqual(['50%', '60%', '70%', '80%', '90%', '100%']);
    expect(expandBudgets('60%,4GB,1234')).toEqual(['60%', '4GB', '1234']);
    expect(expandBudgets('1GB..3GB/1GB')).toEqual(['1000000000', '2000000000', '3000000000']);
    expect(expandBudgets('55.5%..56%/0.25')).toEqual(['55.5%', '55.75%', '56%']);
  });

  it.each([
    '',
    '50%..100%/0',
    '50%..1GB/10',
    '100%..50%/10',
    'x..y/z',
    '50%,,60%',
    '1%..100%/0.01',
  ])('rejects %p', (spec) => {
    expect(() => expandBudgets(spec)).toThrow(UsageError);
  });
});
