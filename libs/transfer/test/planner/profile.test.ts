/** Reading profiles: Skyplane's quirks, the shipped compact profile, and malformed input. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithSharedData } from '@strata/cli/testing';
import { UsageError } from '@strata/cli';
import { buildProfile, type NetworkProfile } from '../../src/planner/profile.js';
import { nearestRegions, regionIndex } from '../../src/planner/regions.js';
import { solverGrid, roundHalfEven } from '../../src/planner/solver-grid.js';
import { loadProfile } from '../../src/planner-io/profile-files.js';
import { sharedCsv, sharedProfile } from './fixtures.js';

const csv = (name: string, text: string) => ({ name, text });
const THROUGHPUT = `src_region,src_tier,dst_region,dst_tier,throughput_sent
aws:us-east-1,PREMIUM,gcp:us-central1-a,PREMIUM,5368709120
aws:us-east-1,PREMIUM,gcp:us-central1-a,PREMIUM,1073741824
aws:us-east-1,PREMIUM,gcp:us-central1-a,STANDARD,9999999999
gcp:us-central1-a,PREMIUM,aws:us-east-1,PREMIUM,2147483648
aws:us-east-1,PREMIUM,aws:us-west-2,PREMIUM,4294967296
`;
const AWS_TABLE = `src,dst,cost
us-east-1,internet,0.09
us-east-1,us-west-2,0.02
us-east-1,eu-west-1,0.03
us-west-2,internet,0.09
us-west-2,eu-west-1,0.03
us-west-2,eu-west-2,0.02
`;

function at(profile: NetworkProfile, grid: Float64Array, src: string, dst: string): number {
  const n = profile.regions.length;
  return grid[profile.regions.indexOf(src) * n + profile.regions.indexOf(dst)] as number;
}

describe('profile quirks', () => {
  const profile = buildProfile({
    throughput: csv('throughput.csv', THROUGHPUT),
    priceGrid: csv('cost.csv', 'src,dest,cost\ngcp:us-central1-a,aws:us-east-1,0.12\ngcp:us-central1-a,aws:us-west-2,0.12\n'),
    awsPriceTable: csv('aws_transfer_costs.csv', AWS_TABLE),
  });

  it('keeps the first of duplicated PREMIUM rows and ignores other tiers, in bits/s', () => {
    expect(profile.regions).toEqual(['aws:us-east-1', 'aws:us-west-2', 'gcp:us-central1-a']);
    expect(at(profile, profile.throughputBps, 'aws:us-east-1', 'gcp:us-central1-a')).toBe(5368709120);
    expect(at(profile, solverGrid(profile).capacityGbits, 'aws:us-east-1', 'gcp:us-central1-a')).toBe(5);
    expect(at(profile, profile.throughputBps, 'aws:us-west-2', 'aws:us-east-1')).toBe(0);
  });

  it('prices AWS sources from the table keyed without aws: (internet for other clouds, the dearest AWS price when unlisted)', () => {
    expect(at(profile, profile.egressUsdPerGb, 'aws:us-east-1', 'gcp:us-central1-a')).toBe(0.09);
    expect(at(profile, profile.egressUsdPerGb, 'aws:us-east-1', 'aws:us-west-2')).toBe(0.02);
    expect(at(profile, profile.egressUsdPerGb, 'aws:us-west-2', 'aws:us-east-1')).toBe(0.03);
  });

  it('rounds as numpy does (half to even on the exact double)', () => {
    expect(roundHalfEven(0.0875, 2)).toBe(0.09); // the double is a hair above 0.0875
    expect(roundHalfEven(0.125, 2)).toBe(0.12); // an exact tie goes to even
    expect(roundHalfEven(4.84180084, 4)).toBe(4.8418);
  });
});

describe('malformed profiles are one-line usage errors', () => {
  const bad: [string, () => unknown, RegExp][] = [
    ['missing column', () => buildProfile({ throughput: csv('t.csv', 'src_region,dst_region\naws:us-east-1,aws:us-west-2\n'), priceGrid: csv('c.csv', 'src,dest,cost\n') }), /t\.csv: missing column throughput_sent/],
    ['non-numeric throughput', () => buildProfile({ throughput: csv('t.csv', 'src_region,dst_region,throughput_sent\naws:us-east-1,aws:us-west-2,fast\n'), priceGrid: csv('c.csv', 'src,dest,cost\naws:us-east-1,aws:us-west-2,0.02\n') }), /t\.csv row 2: throughput_sent 'fast' is not a non-negative number/],
    ['non-numeric price', () => buildProfile({ throughput: csv('t.csv', 'src_region,dst_region,throughput_sent\naws:us-east-1,aws:us-west-2,1\n'), priceGrid: csv('c.csv', 'src,dest,cost\naws:us-east-1,aws:us-west-2,cheap\n') }), /c\.csv row 2: cost 'cheap'/],
    ['a priced region missing from the grid', () => buildProfile({ throughput: csv('t.csv', 'src_region,dst_region,throughput_sent\naws:us-east-1,aws:us-west-2,1\n'), priceGrid: csv('c.csv', 'src,dest,cost\naws:us-east-1,azure:westus,0.02\n') }), /region 'azure:westus' has a price but is not in the throughput grid/],
    ['a pair without a price', () => buildProfile({ throughput: csv('t.csv', 'src_region,dst_region,throughput_sent\naws:us-east-1,aws:us-west-2,1\n'), priceGrid: csv('c.csv', 'src,dest,cost\naws:us-east-1,aws:us-west-2,0.02\n') }), /no egress price for aws:us-west-2 -> aws:us-east-1/],
    ['an unknown cloud', () => buildProfile({ throughput: csv('t.csv', 'src_region,dst_region,throughput_sent\nibm:us-south,aws:us-west-2,1\n'), priceGrid: csv('c.csv', 'src,dest,cost\n') }), /region 'ibm:us-south' is not provider:name/],
    ['no prices at all', () => buildProfile({ throughput: csv('t.csv', 'src_region,dst_region,throughput_sent\naws:us-east-1,aws:us-west-2,1\n') }), /needs egress prices/],
    ['an AWS table with prefixes', () => buildProfile({ throughput: csv('t.csv', 'src_region,dst_region,throughput_sent\naws:us-east-1,aws:us-west-2,1\n'), awsPriceTable: csv('a.csv', 'src,dst,cost\naws:us-east-1,aws:us-west-2,0.02\n') }), /without a prefix/],
  ];
  it.each(bad)('%s', (_, build, message) => {
    let error: unknown;
    try {
      build();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('a directory without throughput.csv, and one that does not exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'planner-profile-'));
    await expect(loadProfile(dir)).rejects.toThrow(/has no throughput\.csv/);
    await expect(loadProfile(join(dir, 'nope'))).rejects.toThrow(/is not a directory/);
    await writeFile(join(dir, 'throughput.csv'), 'src_region,dst_region,throughput_sent\naws:us-east-1,aws:us-west-2,1\n');
    await writeFile(join(dir, 'aws_transfer_costs.csv'), AWS_TABLE);
    const profile = await loadProfile(dir);
    expect(profile.regions).toEqual(['aws:us-east-1', 'aws:us-west-2']);
  });
});

describe('region names', () => {
  const regions = ['aws:us-east-1', 'aws:us-east-2', 'aws:us-west-2', 'gcp:us-east1-b', 'azure:eastus'];
  it('suggests the nearest names for an unknown one', () => {
    expect(nearestRegions(regions, 'aws:us-east-3', 2)).toEqual(['aws:us-east-1', 'aws:us-east-2']);
    expect(() => regionIndex({ regions, throughputBps: new Float64Array(), egressUsdPerGb: new Float64Array() }, 'aws:useast1', '--src')).toThrow(
      /--src 'aws:useast1' is not a region of the profile; nearest: aws:us-east-1/,
    );
  });
});

describeWithSharedData('the shipped profile and Skyplane files', () => {
  it('the shipped compact profile is exactly the shared grid and prices', async () => {
    const shipped = await loadProfile();
    const source = sharedProfile();
    expect(shipped.regions).toEqual(source.regions);
    expect(shipped.regions).toHaveLength(63);
    expect(Array.from(shipped.throughputBps)).toEqual(Array.from(source.throughputBps));
    expect(Array.from(shipped.egressUsdPerGb)).toEqual(Array.from(source.egressUsdPerGb));
  });

  it("AWS's table (no aws: prefix) prices every AWS source as Skyplane's price grid does", () => {
    const grid = sharedProfile();
    const gridText = sharedCsv('profiles', 'cost.csv');
    const withoutAws = gridText.text
      .split('\n')
      .filter((line) => !line.startsWith('aws:'))
      .join('\n');
    const fromTable = buildProfile({
      throughput: sharedCsv('skyplane', 'data', 'throughput.csv'),
      priceGrid: { name: 'cost.csv without AWS sources', text: withoutAws },
      awsPriceTable: sharedCsv('skyplane', 'data', 'aws_transfer_costs.csv'),
    });
    expect(Array.from(fromTable.egressUsdPerGb)).toEqual(Array.from(grid.egressUsdPerGb));
  });

  it('keeps the first row of the pairs profiled twice (azure:germanywestcentral)', () => {
    const profile = sharedProfile();
    const lines = sharedCsv('skyplane', 'data', 'throughput.csv').text.split('\n');
    const header = (lines[0] as string).split(',');
    const col = (name: string) => header.indexOf(name);
    const seen = new Map<string, number>();
    let duplicates = 0;
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      if (cells[col('src_tier')] !== 'PREMIUM' || cells[col('dst_tier')] !== 'PREMIUM') continue;
      const key = `${cells[col('src_region')]}>${cells[col('dst_region')]}`;
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.set(key, Number(cells[col('throughput_sent')]));
    }
    expect(duplicates).toBe(61);
    for (const [key, first] of seen) {
      const [src, dst] = key.split('>') as [string, string];
      if (src === dst) continue; // Skyplane reads a region to itself as 0 (no transfer)
      expect(at(profile, profile.throughputBps, src, dst)).toBe(first);
    }
  });
});
