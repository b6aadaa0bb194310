/** The plan document: built by the planner, round-trips through JSON and its schema; other versions are refused in one line. */
import { UsageError } from '@strata/cli';
import { parsePlanDocument, PLAN_VERSION } from '../../src/planner/plan-document.js';
import { planTransfer } from '../../src/planner/plan.js';
import { loadProfile } from '../../src/planner-io/profile-files.js';

describe('plan document', () => {
  let document: NonNullable<Awaited<ReturnType<typeof planTransfer>>['document']>;
  beforeAll(async () => {
    const profile = await loadProfile();
    const plan = await planTransfer(profile, {
      src: 'gcp:europe-north1-a',
      dst: 'gcp:us-west4-a',
      throughputGbits: 10,
      instanceLimit: 2,
      gbytes: 50,
      objective: 'min-cost',
    });
    expect(plan.document).not.toBeNull();
    document = plan.document as typeof document;
  });

  it('round-trips through JSON and the schema', () => {
    expect(parsePlanDocument(JSON.parse(JSON.stringify(document)))).toEqual(document);
  });

  it('tells each gateway what it reads, receives, forwards and writes, consistent with the hops', () => {
    const byRegion = new Map(document.gateways.map((gateway) => [gateway.region, gateway]));
    expect(byRegion.get('gcp:europe-north1-a')?.readsGbits).toBe(10);
    expect(byRegion.get('gcp:us-west4-a')?.writesGbits).toBe(10);
    for (const hop of document.hops) {
      expect(byRegion.get(hop.src)?.forwards).toContainEqual({ region: hop.dst, flowGbits: hop.flowGbits, connections: hop.connections });
      expect(byRegion.get(hop.dst)?.receives).toContainEqual({ region: hop.src, flowGbits: hop.flowGbits, connections: hop.connections });
    }
    for (const gateway of document.gateways) {
      const inflow = gateway.readsGbits + gateway.receives.reduce((sum, r) => sum + r.flowGbits, 0);
      const outflow = gateway.writesGbits + gateway.forwards.reduce((sum, f) => sum + f.flowGbits, 0);
      expect(Math.abs(inflow - outflow)).toBeLessThan(1e-5);
      const vms = document.regions.find((r) => r.region === gateway.region)?.vms;
      expect(gateway.vms).toBe(vms);
      expect(gateway.forwards.reduce((sum, f) => sum + f.connections, 0)).toBeLessThanOrEqual(64 * gateway.vms);
    }
  });

  it('refuses another version, or a broken document, in one line', () => {
    const other = { ...document, version: PLAN_VERSION + 1 };
    expect(() => parsePlanDocument(other, 'old.json')).toThrow(UsageError);
    expect(() => parsePlanDocument(other, 'old.json')).toThrow(`old.json is a transfer plan of version ${PLAN_VERSION + 1}; this Strata reads version ${PLAN_VERSION}`);
    const broken = { ...document, hops: [{ ...document.hops[0], connections: 0.5 }] };
    expect(() => parsePlanDocument(broken)).toThrow(/not a valid transfer plan: hops\.0\.connections/);
  });
});
