/** Shared fixtures for the planner tests: Skyplane's files from the shared data, the reference cases. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDataPath } from '@strata/cli/testing';
import { buildProfile, type NetworkProfile } from '../../src/planner/profile.js';

export const repoRoot = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));

const read = (...parts: string[]) => ({ name: parts.join('/'), text: readFileSync(sharedDataPath('skyplane', ...parts), 'utf8') });

let shared: NetworkProfile | undefined;
/** Skyplane's own files, unmodified: the v0.3.0 throughput grid and the price grid. */
export function sharedProfile(): NetworkProfile {
  shared ??= buildProfile({ throughput: read('skyplane', 'data', 'throughput.csv'), priceGrid: read('profiles', 'cost.csv') });
  return shared;
}

export function sharedCsv(...parts: string[]) {
  return read(...parts);
}

export interface ReferenceCase {
  src: string;
  dst: string;
  instance_limit: number;
  required_throughput_gbits: number;
  gbyte_to_transfer: number;
  feasible: boolean;
  baseline_direct: { throughput_gbits: number; cost_egress: number; cost_instance: number; cost_total: number };
  cost_egress?: number;
  cost_instance?: number;
  cost_total?: number;
  transfer_runtime_s?: number;
  instances_per_region?: Record<string, number>;
  edges?: { src: string; dst: string; flow_gbits: number; connections: number; capacity_gbits_at_64_conns: number }[];
}

export interface ReferenceRon {
  src: string;
  dst: string;
  best_path: string[];
  bottleneck_throughput_gbits_per_instance: number;
  egress_cost_per_gb: number;
}

export function referenceFile(): { cases: ReferenceCase[]; ron: ReferenceRon[] } {
  return JSON.parse(readFileSync(sharedDataPath('skyplane', 'generated_ilp_min_cost_reference.json'), 'utf8'));
}

/** |a − b| ≤ rel · max(|a|, |b|) + abs. */
export function close(a: number, b: number, rel = 1e-6, abs = 1e-12): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + abs;
}

/** The real binary, as a user runs it: exit code, stdout and stderr. */
export function strata(args: string[], cwd = repoRoot): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'apps/strata/bin/strata.mjs'), ...args],
      { cwd, env: { ...process.env, CI: '1' }, timeout: 180_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        done({ code, stdout, stderr });
      },
    );
  });
}
