/**
 * Region pairs the reference file does not hold: HiGHS and GLPK must agree, and the answers must
 * obey what any correct planner obeys (the overlay is never worse than the direct path at the same
 * instance limit, a cost ceiling is kept, the largest throughput is the edge of feasibility).
 */
import { jest } from '@jest/globals';
import { itWithSharedData } from '@strata/cli/testing';
import { loadProfile } from '../../src/planner-io/profile-files.js';
import type { NetworkProfile } from '../../src/planner/profile.js';
import { maxThroughputGbits, minCostPlan, planTransfer } from '../../src/planner/plan.js';
import { parsePlanDocument } from '../../src/planner/plan-document.js';
import { regionIndex } from '../../src/planner/regions.js';
import { close, referenceFile } from './fixtures.js';

// Spanning the three clouds, none of them a pair of the reference file.
const PAIRS: [string, string, number, number][] = [
  ['aws:ap-northeast-1', 'azure:uksouth', 2, 6],
  ['gcp:asia-east1-a', 'aws:sa-east-1', 1, 3],
  ['azure:eastus', 'gcp:europe-west1-b', 4, 12],
  ['aws:eu-central-1', 'aws:ap-southeast-2', 2, 8],
];

// Solves take seconds each, much longer on a loaded machine.
jest.setTimeout(300_000);

// On the profile that ships in the package (equal to Skyplane's files, profile.test.ts), so every
// clone runs them; only the check against the reference file needs the shared data.
describe('unseen region pairs', () => {
  let profile: NetworkProfile;
  beforeAll(async () => {
    profile = await loadProfile();
  });

  itWithSharedData('are not in the reference file', () => {
    const { cases } = referenceFile();
    for (const [src, dst] of PAIRS) expect(cases.some((c) => c.src === src && c.dst === dst)).toBe(false);
  });

  it.each(PAIRS)('%s -> %s: HiGHS and GLPK agree; the overlay is never worse than direct', async (src, dst, limit, throughput) => {
    const request = { src, dst, throughputGbits: throughput, instanceLimit: limit, gbytes: 1, objective: 'min-cost' as const };
    const highs = await planTransfer(profile, request, { backend: 'highs' });
    const glpk = await planTransfer(profile, request, { backend: 'glpk' });
    expect(glpk.feasible).toBe(highs.feasible);
    if (highs.feasible) {
      expect(close(glpk.costTotal as number, highs.costTotal as number, 1e-6)).toBe(true);
      parsePlanDocument(JSON.parse(JSON.stringify(highs.document)));
    } else {
      expect(close(glpk.throughputGbits, highs.throughputGbits, 1e-5)).toBe(true);
    }
    const shape = { src: regionIndex(profile, src, '--src'), dst: regionIndex(profile, dst, '--dst'), instanceLimit: limit };
    const direct = await minCostPlan(profile, { ...shape, directOnly: true }, throughput, 1);
    if (direct !== null) {
      expect(highs.feasible).toBe(true);
      expect(highs.costTotal as number).toBeLessThanOrEqual(direct.costEgress + direct.costInstance + 1e-12);
    }
    const overlayBest = await maxThroughputGbits(profile, shape);
    const directBest = await maxThroughputGbits(profile, { ...shape, directOnly: true });
    expect(overlayBest).toBeGreaterThanOrEqual(directBest - 1e-6);
    expect(overlayBest).toBeGreaterThan(0);
  });

  it('an infeasible request reports the edge of feasibility', async () => {
    const [src, dst] = PAIRS[1] as [string, string, number, number];
    const plan = await planTransfer(profile, { src, dst, throughputGbits: 40, instanceLimit: 1, gbytes: 1, objective: 'min-cost' });
    expect(plan.feasible).toBe(false);
    const shape = { src: regionIndex(profile, src, '--src'), dst: regionIndex(profile, dst, '--dst'), instanceLimit: 1 };
    expect(await minCostPlan(profile, shape, plan.throughputGbits * (1 - 1e-6), 1)).not.toBeNull();
    expect(await minCostPlan(profile, shape, plan.throughputGbits * 1.001, 1)).toBeNull();
  });

  it('max-throughput keeps its cost ceiling, and a looser ceiling is never slower', async () => {
    const [src, dst] = PAIRS[0] as [string, string, number, number];
    const base = { src, dst, throughputGbits: NaN, instanceLimit: 2, gbytes: 10, objective: 'max-throughput' as const };
    // Ceilings relative to what a slow transfer of this pair costs per GB.
    const slow = await planTransfer(profile, { ...base, throughputGbits: 0.5, objective: 'min-cost' });
    const floor = (slow.costTotal as number) / 10;
    const tight = await planTransfer(profile, { ...base, maxCostPerGb: floor * 1.02 });
    const loose = await planTransfer(profile, { ...base, maxCostPerGb: floor * 1.5 });
    const free = await planTransfer(profile, base);
    for (const plan of [tight, loose]) {
      expect(plan.feasible).toBe(true);
      expect((plan.costTotal as number) / 10).toBeLessThanOrEqual(plan.request.maxCostPerGb as number);
    }
    // A ceiling whose throughput the solver's optimum overshot by its tolerance (the plan cost 1e-6 too much).
    const edge = await planTransfer(profile, { ...base, src: 'aws:us-east-1', dst: 'aws:ap-southeast-2', instanceLimit: 4, gbytes: 1, maxCostPerGb: 0.1 });
    expect(edge.throughputGbits).toBeGreaterThan(19.5);
    expect(edge.costTotal as number).toBeLessThanOrEqual(0.1);
    expect(loose.throughputGbits).toBeGreaterThanOrEqual(tight.throughputGbits - 1e-6);
    expect(free.throughputGbits).toBeGreaterThanOrEqual(loose.throughputGbits - 1e-6);
    const cheapest = await planTransfer(profile, { ...base, maxCostPerGb: floor * 0.5 });
    expect(cheapest.feasible).toBe(false);
  });
});
