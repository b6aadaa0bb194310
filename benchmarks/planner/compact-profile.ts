/**
 * Rebuilds libs/transfer/data/skyplane-profile from Skyplane's files in the shared data:
 *   npx tsx benchmarks/planner/compact-profile.ts [SHARED_SKYPLANE_DIR]
 * The throughput grid (skyplane/data/throughput.csv, v0.3.0) and the price grid (profiles/cost.csv,
 * equal to Skyplane HEAD's get_transfer_cost for every pair) are loaded with the planner's own
 * reader and written back compacted. libs/transfer/test/planner checks the result equals the source.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildProfile } from '../../libs/transfer/src/planner/profile.js';
import { writeCompactProfile } from '../../libs/transfer/src/planner-io/profile-files.js';

const source = resolve(process.argv[2] ?? join(import.meta.dirname, '../../../shared/data/skyplane'));
const target = join(import.meta.dirname, '../../libs/transfer/data/skyplane-profile');
const read = async (path: string) => ({ name: path, text: await readFile(join(source, path), 'utf8') });
const profile = buildProfile({
  throughput: await read('skyplane/data/throughput.csv'),
  priceGrid: await read('profiles/cost.csv'),
});
await writeCompactProfile(profile, target);
process.stdout.write(`wrote ${profile.regions.length} regions to ${target}\n`);
