/**
 * `strata transfer plan` as a user runs it (the real binary, the shipped profile): the JSON
 * contract, the plan document round trip through --out and --show, the SVGs, and every kind of bad
 * input answered with one line and exit 2.
 */
import { jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePlanDocument } from '../../src/planner/plan-document.js';
import { repoRoot, strata } from './fixtures.js';

// Each case runs the real binary (a few seconds each; much longer on a loaded machine).
jest.setTimeout(300_000);

let dir: string;
const path = (name: string) => join(dir, name);
const BASE = ['transfer', 'plan', '--src', 'azure:westus', '--dst', 'aws:us-west-1', '--instance-limit', '2'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'transfer-plan-cli-'));
});

const CONTRACT = [
  'feasible',
  'costTotal',
  'costEgress',
  'costInstance',
  'instancesPerRegion',
  'edges',
  'throughputGbits',
  'transferSeconds',
  'baselineDirect',
  'baselineRon',
  'solveSeconds',
].sort();

it('--json prints the contract fields; --out writes a plan --show reads back; --svg draws it', async () => {
  const run = await strata([...BASE, '--throughput', '12', '--json', '--out', path('plan.json'), '--svg', path('plan.svg')]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const summary = JSON.parse(run.stdout);
  expect(Object.keys(summary).sort()).toEqual(CONTRACT);
  expect(summary.feasible).toBe(true);
  expect(summary.throughputGbits).toBe(12);
  expect(Object.keys(summary.edges[0]).sort()).toEqual(['connections', 'dst', 'flowGbits', 'src']);
  expect(Object.keys(summary.baselineRon).sort()).toEqual(['costTotal', 'throughputGbits']);
  const document = parsePlanDocument(JSON.parse(await readFile(path('plan.json'), 'utf8')));
  expect(document.cost.totalUsd).toBe(summary.costTotal);
  expect(document.hops.map(({ src, dst, flowGbits, connections }) => ({ src, dst, flowGbits, connections }))).toEqual(summary.edges);
  const svg = await readFile(path('plan.svg'), 'utf8');
  expect(svg).toMatch(/^<svg/);
  expect(svg).toContain('azure:westus');

  const shown = await strata(['transfer', 'plan', '--show', path('plan.json'), '--json']);
  expect(shown.code).toBe(0);
  expect(JSON.parse(shown.stdout)).toEqual(document);
  const human = await strata(['transfer', 'plan', '--show', path('plan.json')]);
  expect(human.stdout).toContain('cost: $');
  expect(human.stdout).toContain('azure:westus -> ');
});

it('an infeasible request: feasible false and the largest feasible throughput, exit 0', async () => {
  const run = await strata([...BASE, '--throughput', '200', '--json']);
  expect(run.code).toBe(0);
  const summary = JSON.parse(run.stdout);
  expect(summary.feasible).toBe(false);
  expect(summary.throughputGbits).toBeGreaterThan(1);
  expect(summary.throughputGbits).toBeLessThan(200);
  expect(summary.costTotal).toBeNull();
});

it('--sweep draws the frontier, overlay against direct', async () => {
  const run = await strata([...BASE, '--sweep', '4..16/4', '--svg', path('frontier.svg'), '--json']);
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout);
  expect(result.points).toHaveLength(8);
  const svg = await readFile(path('frontier.svg'), 'utf8');
  expect(svg).toContain('overlay');
  expect(svg).toContain('direct');
});

it('--json: bad input is one JSON error object on stdout too; --regions lists the names --src takes; --help says both', async () => {
  const bad = await strata(['transfer', 'plan', '--src', 'aws:us-east-7', '--dst', 'aws:us-west-2', '--throughput', '1', '--instance-limit', '1', '--json']);
  expect(bad.code).toBe(2);
  const { error } = JSON.parse(bad.stdout);
  expect(error.exitCode).toBe(2);
  expect(error.message).toMatch(/nearest: aws:us-east-1.*--regions lists them/);
  expect(bad.stderr.trim().split('\n')).toHaveLength(1);

  const listed = await strata(['transfer', 'plan', '--regions', '--json']);
  expect(listed.code).toBe(0);
  const { regions } = JSON.parse(listed.stdout);
  expect(regions).toHaveLength(63);
  expect(regions).toEqual(expect.arrayContaining(['aws:us-east-1', 'gcp:us-central1-a', 'azure:westus']));

  // A new user's first look: the help names the region list and what an infeasible request answers.
  const help = await strata(['transfer', 'plan', '--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('--regions');
  expect(help.stdout.replace(/\s+/g, ' ')).toContain('answers feasible: false with the largest throughput');
});

describe('bad input is one line and exit 2', () => {
  const cases: [string, () => Promise<string[]>, RegExp][] = [
    ['unknown region', async () => ['transfer', 'plan', '--src', 'aws:us-east-7', '--dst', 'aws:us-west-2', '--throughput', '1', '--instance-limit', '1'], /nearest: aws:us-east-1/],
    ['zero throughput', async () => [...BASE, '--throughput', '0'], /--throughput must be a positive number/],
    ['negative throughput', async () => [...BASE, '--throughput', '-3'], /--throughput must be a positive number/],
    ['instance limit 0', async () => [...BASE.slice(0, -1), '0', '--throughput', '1'], /--instance-limit must be a whole number of at least 1/],
    ['a throughput that is not a number', async () => [...BASE, '--throughput', 'fast'], /--throughput must be a positive number of Gbit\/s, e\.g\. --throughput 5 \(got something that is not a number\)/],
    ['a throughput with max-throughput', async () => [...BASE, '--objective', 'max-throughput', '--throughput', '3'], /--throughput is the target of min-cost; max-throughput finds the throughput itself/],
    ['a flag given twice', async () => [...BASE, '--src', 'aws:us-east-1', '--throughput', '1'], /--src is given 2 times \(azure:westus, aws:us-east-1\): give it once/],
    ['profile with a missing column', async () => profileDir('missing', 'src_region,dst_region\naws:us-east-1,aws:us-west-2\n', 'src,dest,cost\n'), /missing column throughput_sent/],
    ['profile with a non-numeric value', async () => profileDir('nan', 'src_region,dst_region,throughput_sent\naws:us-east-1,aws:us-west-2,lots\n', 'src,dest,cost\n'), /throughput_sent 'lots' is not a non-negative number/],
    ['price for a region not in the grid', async () => profileDir('extra', 'src_region,dst_region,throughput_sent\naws:us-east-1,aws:us-west-2,1e9\naws:us-west-2,aws:us-east-1,1e9\n', 'src,dest,cost\naws:us-east-1,aws:us-west-2,0.02\naws:us-west-2,aws:us-east-1,0.02\nazure:westus,aws:us-east-1,0.08\n'), /'azure:westus' has a price but is not in the throughput grid/],
    ['a plan of another version', async () => {
      await writeFile(path('v2.json'), JSON.stringify({ format: 'strata.transfer-plan', version: 2 }));
      return ['transfer', 'plan', '--show', path('v2.json')];
    }, /version 2; this Strata reads version 1/],
  ];
  it.each(cases)('%s', async (_, args, message) => {
    const run = await strata(await args());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});

async function profileDir(name: string, throughput: string, cost: string): Promise<string[]> {
  const profile = path(name);
  await mkdir(profile, { recursive: true });
  await writeFile(join(profile, 'throughput.csv'), throughput);
  await writeFile(join(profile, 'cost.csv'), cost);
  return ['transfer', 'plan', '--profile', profile, '--src', 'aws:us-east-1', '--dst', 'aws:us-west-2', '--throughput', '1', '--instance-limit', '1'];
}

it('loading the transfer CLI loads neither the planner, the solver nor the engine and its stores (each verb loads its own)', async () => {
  // A module hook records every module the transfer CLI's import pulls in.
  const log = path('modules.log');
  await writeFile(
    path('hook.mjs'),
    "import { appendFileSync } from 'node:fs';\n" +
      'export async function resolve(specifier, context, next) {\n' +
      '  const result = await next(specifier, context);\n' +
      `  appendFileSync(${JSON.stringify(log)}, result.url + '\\n');\n` +
      '  return result;\n}\n',
  );
  await writeFile(path('register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${path('hook.mjs')}`)});\n`);
  await new Promise<void>((done, fail) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', '--import', path('register.mjs'), '--input-type=module', '-e', "const m = await import('@strata/transfer/cli'); if (!m.transferCommand) process.exit(3);"],
      { cwd: repoRoot, timeout: 120_000 },
      (error) => (error ? fail(error) : done()),
    ),
  );
  const modules = (await readFile(log, 'utf8')).split('\n');
  expect(modules.some((url) => url.includes('/libs/transfer/src/cli/plan-command.ts'))).toBe(true);
  expect(modules.filter((url) => url.includes('/src/planner') || url.includes('/libs/solver/') || url.includes('vega'))).toEqual([]);
  // The flags' defaults may pull in small shared modules (error classes, retry settings); not the
  // engine's entry point nor any store backend.
  const engine = /\/libs\/transfer\/src\/(engine\/(api|transfer)\.ts|stores\/(s3|gcs|local)\/)/;
  expect(modules.filter((url) => engine.test(url))).toEqual([]);
});
