/** The `strata transfer plan` run: load the profile, plan (or sweep, or show a saved plan), print and write. */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createProgress, FailureError, printLine, UsageError } from '@strata/cli';
import { emitJson } from '../cli/json-output.js';
import type { PlanArgs } from '../cli/plan-command.js';
import { parseSweep, planFrontier } from '../planner/frontier.js';
import { parsePlanDocument, type PlanDocument } from '../planner/plan-document.js';
import { planTransfer, type PlanOptions } from '../planner/plan.js';
import { planSummary } from '../planner/summary.js';
import { formatFrontier, formatPlan, formatPlanDocument } from './format-plan.js';
import { loadProfile } from './profile-files.js';
import { baselineWasmCompilerOnly } from './wasm-tier.js';

/** Writes beside the target and renames, so a reader never sees half a file. */
async function writeWhole(path: string, text: string): Promise<void> {
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new FailureError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

/** vega and vega-lite load only when a picture is asked for (they cost more start-up than the solve). */
async function planGraphSvg(plan: PlanDocument): Promise<string> {
  const { planGraphSpec, renderSvg } = await import('./plan-charts.js');
  return renderSvg(planGraphSpec(plan));
}

function required<T>(value: T | undefined, flag: string, example: string): T {
  if (value === undefined) throw new UsageError(`${flag} is required: e.g. ${flag} ${example}`);
  return value;
}

async function readPlanFile(path: string) {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read plan ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is not JSON: pass a plan written by strata transfer plan --out`);
  }
  return parsePlanDocument(value, path);
}

async function show(args: PlanArgs, path: string): Promise<void> {
  const plan = await readPlanFile(path);
  if (args.svg) await writeWhole(args.svg, await planGraphSvg(plan));
  if (args.json) emitJson(plan);
  else for (const line of formatPlanDocument(plan)) printLine(line);
}

/**
 * A sweep solves two models per point. Up to about this many points (a 1..20 sweep) V8's baseline
 * WebAssembly compiler alone costs less CPU; far longer sweeps amortize the optimizing recompile.
 */
const BASELINE_COMPILER_MAX_POINTS = 25;

async function sweep(args: PlanArgs, options: PlanOptions, range: string): Promise<void> {
  const svg = required(args.svg, '--svg', 'frontier.svg (--sweep draws a chart)');
  const throughputs = parseSweep(range);
  if (throughputs.length <= BASELINE_COMPILER_MAX_POINTS) baselineWasmCompilerOnly();
  const src = required(args.src, '--src', 'aws:us-east-1');
  const dst = required(args.dst, '--dst', 'aws:us-west-2');
  const instanceLimit = required(args['instance-limit'], '--instance-limit', '2');
  const profile = await loadProfile(args.profile);
  const progress = createProgress(throughputs.length * 2, { label: 'sweep', enabled: args.json ? false : undefined });
  let points;
  try {
    points = await planFrontier(profile, { src, dst, instanceLimit, gbytes: args.gbytes, throughputs }, options, () => progress.increment());
  } finally {
    progress.stop();
  }
  const title = `${src} → ${dst}: cost against throughput, at most ${instanceLimit} VMs per region`;
  const { frontierSpec, renderSvg } = await import('./plan-charts.js');
  await writeWhole(svg, await renderSvg(frontierSpec(points, title, args.gbytes)));
  if (args.json) emitJson({ src, dst, instanceLimit, gbytes: args.gbytes, points, svg });
  else {
    for (const line of formatFrontier(points, args.gbytes)) printLine(line);
    printLine(`wrote ${svg}`);
  }
}

/** Flags that take one value; yargs turns a repeated one into an array, which no check below expects. */
const SINGLE_VALUED = ['src', 'dst', 'throughput', 'instance-limit', 'gbytes', 'objective', 'max-cost-per-gb', 'profile', 'backend', 'out', 'svg', 'sweep', 'show'] as const;

function rejectRepeatedFlags(args: PlanArgs): void {
  for (const flag of SINGLE_VALUED) {
    const value: unknown = args[flag];
    if (Array.isArray(value)) throw new UsageError(`--${flag} is given ${value.length} times (${value.join(', ')}): give it once`);
  }
}

/** `--regions`: the names --src and --dst accept, one cloud per line. */
async function listRegions(args: PlanArgs): Promise<void> {
  const { regions } = await loadProfile(args.profile);
  if (args.json) return emitJson({ regions });
  const byCloud = new Map<string, string[]>();
  for (const region of regions) {
    const cloud = region.slice(0, region.indexOf(':'));
    byCloud.set(cloud, [...(byCloud.get(cloud) ?? []), region]);
  }
  for (const [cloud, names] of byCloud) printLine(`${cloud} (${names.length}): ${names.join(' ')}`);
}

export async function runPlan(args: PlanArgs): Promise<void> {
  rejectRepeatedFlags(args);
  if (args.regions) return listRegions(args);
  if (args.show !== undefined) return show(args, args.show);
  const options: PlanOptions = args.backend ? { backend: args.backend } : {};
  if (args.sweep !== undefined) return sweep(args, options, args.sweep);
  const src = required(args.src, '--src', 'aws:us-east-1');
  const dst = required(args.dst, '--dst', 'aws:us-west-2');
  const instanceLimit = required(args['instance-limit'], '--instance-limit', '2');
  if (args.objective === 'max-throughput' && args.throughput !== undefined) {
    throw new UsageError('--throughput is the target of min-cost; max-throughput finds the throughput itself: drop --throughput (bound the cost with --max-cost-per-gb)');
  }
  const throughputGbits = args.objective === 'min-cost' ? required(args.throughput, '--throughput', '5') : NaN;
  const profile = await loadProfile(args.profile);
  baselineWasmCompilerOnly();
  const plan = await planTransfer(
    profile,
    {
      src,
      dst,
      throughputGbits,
      instanceLimit,
      gbytes: args.gbytes,
      objective: args.objective,
      ...(args['max-cost-per-gb'] !== undefined ? { maxCostPerGb: args['max-cost-per-gb'] } : {}),
    },
    options,
  );
  if (plan.document) {
    if (args.out) await writeWhole(args.out, `${JSON.stringify(plan.document, null, 2)}\n`);
    if (args.svg) await writeWhole(args.svg, await planGraphSvg(plan.document));
  }
  if (args.json) emitJson(planSummary(plan));
  else {
    for (const line of formatPlan(plan)) printLine(line);
    if (plan.document && args.out) printLine(`wrote ${args.out}`);
    if (plan.document && args.svg) printLine(`wrote ${args.svg}`);
  }
  if (!plan.document && (args.out || args.svg)) {
    throw new FailureError(`no plan to write to ${[args.out, args.svg].filter(Boolean).join(' or ')}: the request is infeasible at this instance limit`);
  }
}
