import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linearChain, toStrataJson } from '@strata/graph';
import { repoRoot } from './fixtures/shared.js';

/** The real binary, as a user runs it: exit code, stdout and stderr. */
function strata(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'apps/strata/bin/strata.mjs'), ...args],
      { cwd: repoRoot, env: { ...process.env, CI: '1' }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;
const path = (name: string) => join(dir, name);
type Run = Awaited<ReturnType<typeof strata>>;
const runs = new Map<string, Run>();

const strataNode = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  name: `n${id}`,
  kind: 'forward',
  cost: 1,
  outputBytes: 8,
  paramBytes: 0,
  ...extra,
});
const strataDoc = (nodes: unknown[], edges: unknown[]) =>
  JSON.stringify({ format: 'strata-graph', version: 1, name: 'bad', nodes, edges });

const BAD_GRAPHS: Record<string, string> = {
  cycle: strataDoc(
    [strataNode(0), strataNode(1), strataNode(2)],
    [
      { source: 0, target: 1 },
      { source: 1, target: 2 },
      { source: 2, target: 0 },
    ],
  ),
  'missing-node': strataDoc([strataNode(0), strataNode(1)], [{ source: 0, target: 7 }]),
  'bad-json': '{"format": "strata-graph", "nodes": [',
  'wrong-types': strataDoc(
    [strataNode(0, { cost: 'cheap' }), strataNode(1)],
    [{ source: 0, target: 1 }],
  ),
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remat-cli-'));
  await writeFile(path('chain.json'), toStrataJson(linearChain(8, { cost: 2, bytes: 1000 })));
  for (const [name, text] of Object.entries(BAD_GRAPHS))
    await writeFile(path(`${name}.json`), text);
  const plan = (...args: string[]) => ['remat', 'plan', '--graph', path('chain.json'), ...args];
  const cases: Record<string, string[]> = {
    json: plan('--budget', '70%', '--solver', 'revolve', '--json'),
    unknownSolver: plan('--budget', '70%', '--solver', 'magic'),
    badBudget: plan('--budget', 'lots'),
  };
  for (const name of Object.keys(BAD_GRAPHS)) {
    cases[`graph:${name}`] = [
      'remat',
      'plan',
      '--graph',
      path(`${name}.json`),
      '--budget',
      '70%',
      '--solver',
      'checkpoint-all',
    ];
  }
  // Independent processes, three at a time (each loads the whole umbrella CLI). Cases that need
  // no process of their own (human output, sweep, a budget too small) are in cli-commands.test.ts.
  const queue = Object.entries(cases);
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift())
      runs.set(next[0], await strata(next[1]));
  };
  await Promise.all([worker(), worker(), worker()]);
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = (name: string): Run => {
  const result = runs.get(name);
  if (result === undefined) throw new Error(`no run ${name}`);
  return result;
};

describe('strata remat plan --json', () => {
  it('prints one object with the contract fields and types', () => {
    const { code, stdout } = run('json');
    expect(code).toBe(0);
    const plan = JSON.parse(stdout) as Record<string, unknown>;
    expect(plan).toMatchObject({
      solver: 'revolve',
      feasible: true,
      optimal: false,
      status: expect.any(String),
      cost: expect.any(Number),
      baselineCost: 2 * 17,
      overhead: expect.any(Number),
      peakBytes: expect.any(Number),
      budgetBytes: expect.any(Number),
      noRematPeakBytes: (8 + 2) * 1000,
      solveSeconds: expect.any(Number),
      schedule: expect.any(Array),
    });
    expect(plan.budgetBytes).toBe(7000);
    expect(plan.peakBytes as number).toBeLessThanOrEqual(7000);
    expect(plan.overhead).toBeCloseTo((plan.cost as number) / (plan.baselineCost as number), 12);
    expect(plan.gap === null || typeof plan.gap === 'number').toBe(true);
    expect(plan.lowerBound === null || typeof plan.lowerBound === 'number').toBe(true);
    const schedule = plan.schedule as { op: string; node: number; stage: number }[];
    expect(schedule.filter((op) => op.op === 'compute').length).toBeGreaterThanOrEqual(17);
    for (const op of schedule) {
      expect(['compute', 'free']).toContain(op.op);
      expect(Number.isInteger(op.node) && Number.isInteger(op.stage)).toBe(true);
    }
  });
});

describe('strata remat plan rejects bad input with one line and exit 2', () => {
  it.each([
    ['graph:cycle', /cycle/i],
    ['graph:missing-node', /7/],
    ['graph:bad-json', /json/i],
    ['graph:wrong-types', /cost/],
    ['unknownSolver', /magic/],
    ['badBudget', /budget 'lots'/],
  ])('%s', (name, message) => {
    const { code, stdout, stderr } = run(name);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });
});
