/**
 * Profile directories on disk: Skyplane's file names, read here so the planner stays pure. The
 * default profile ships in this package (data/skyplane-profile, Apache-2.0, from the Skyplane
 * authors); `--profile DIR` reads a user's own in the same format.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '@strata/cli';
import { buildProfile, type CsvText, type NetworkProfile } from '../planner/profile.js';

export const PROFILE_FILES = {
  throughput: 'throughput.csv',
  priceGrid: 'cost.csv',
  awsPriceTable: 'aws_transfer_costs.csv',
} as const;

/** The profile shipped with Strata (resolved through the package's exports, so it works bundled too). */
export function defaultProfileDir(): string {
  return dirname(fileURLToPath(import.meta.resolve('@strata/transfer/skyplane-profile/NOTICE')));
}

async function readIfPresent(dir: string, name: string): Promise<CsvText | undefined> {
  const path = join(dir, name);
  try {
    return { name: path, text: await readFile(path, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

const loaded = new Map<string, Promise<NetworkProfile>>();

async function load(dir: string): Promise<NetworkProfile> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`--profile ${dir} is not a directory; point it at a folder holding throughput.csv and cost.csv`);
  const [throughput, priceGrid, awsPriceTable] = await Promise.all([
    readIfPresent(dir, PROFILE_FILES.throughput),
    readIfPresent(dir, PROFILE_FILES.priceGrid),
    readIfPresent(dir, PROFILE_FILES.awsPriceTable),
  ]);
  if (throughput === undefined) throw new UsageError(`profile ${dir} has no ${PROFILE_FILES.throughput}: a profile needs Skyplane's throughput grid`);
  return buildProfile({
    throughput,
    ...(priceGrid ? { priceGrid } : {}),
    ...(awsPriceTable ? { awsPriceTable } : {}),
  });
}

/** Loads a profile directory (the shipped one by default); each directory is parsed once per process. */
export function loadProfile(dir: string = defaultProfileDir()): Promise<NetworkProfile> {
  let profile = loaded.get(dir);
  if (!profile) {
    profile = load(dir);
    loaded.set(dir, profile);
    profile.catch(() => loaded.delete(dir));
  }
  return profile;
}

/**
 * Writes a profile compacted to what the planner reads: profiled PREMIUM pairs in bits/s (the first
 * row of a duplicated pair) and every pair's egress price. Numbers are written so they read back
 * to the same doubles.
 */
export async function writeCompactProfile(profile: NetworkProfile, dir: string): Promise<void> {
  const n = profile.regions.length;
  const throughput = ['src_region,dst_region,throughput_sent'];
  const prices = ['src,dest,cost'];
  profile.regions.forEach((src, i) => {
    profile.regions.forEach((dst, j) => {
      if (i === j) return;
      const bps = profile.throughputBps[i * n + j] as number;
      if (bps > 0) throughput.push(`${src},${dst},${bps}`);
      prices.push(`${src},${dst},${profile.egressUsdPerGb[i * n + j] as number}`);
    });
  });
  await writeFile(join(dir, PROFILE_FILES.throughput), `${throughput.join('\n')}\n`);
  await writeFile(join(dir, PROFILE_FILES.priceGrid), `${prices.join('\n')}\n`);
}
