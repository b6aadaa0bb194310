/**
 * The planner against Skyplane's own solve_min_cost (the reference file: 126 cases generated with
 * the original code, cross-checked with SCIP). Compared as its meta says: feasibility exactly, the
 * total cost to 1e-6 relative, the cost split, VMs per region and the baselines; connections are
 * not unique, so only checked to carry the flows.
 */
import { jest } from '@jest/globals';
import { describeWithSharedData } from '@strata/cli/testing';
import { planTransfer, type TransferPlan } from '../../src/planner/plan.js';
import { solverGrid } from '../../src/planner/solver-grid.js';
import { close, referenceFile, sharedProfile, type ReferenceCase } from './fixtures.js';

// Solves take seconds each, much longer on a loaded machine.
jest.setTimeout(300_000);

describeWithSharedData('Skyplane reference cases (HiGHS)', () => {
  const { cases, ron } = referenceFile();
  const plans = new Map<ReferenceCase, TransferPlan>();
  const planOf = async (c: ReferenceCase, backend: 'highs' | 'glpk' = 'highs') => {
    if (backend === 'highs' && plans.has(c)) return plans.get(c) as TransferPlan;
    const plan = await planTransfer(
      sharedProfile(),
      {
        src: c.src,
        dst: c.dst,
        throughputGbits: c.required_throughput_gbits,
        instanceLimit: c.instance_limit,
        gbytes: c.gbyte_to_transfer,
        objective: 'min-cost',
      },
      { backend },
    );
    if (backend === 'highs') plans.set(c, plan);
    return plan;
  };

  const expectMatches = (plan: TransferPlan, c: ReferenceCase) => {
    expect(plan.feasible).toBe(c.feasible);
    expect(close(plan.baselineDirect.throughputGbits, c.baseline_direct.throughput_gbits, 1e-9, 1e-10)).toBe(true);
    expect(close(plan.baselineDirect.costTotal, c.baseline_direct.cost_total, 1e-9, 1e-10)).toBe(true);
    expect(close(plan.baselineDirect.costEgress, c.baseline_direct.cost_egress, 1e-9, 1e-10)).toBe(true);
    expect(close(plan.baselineDirect.costInstance, c.baseline_direct.cost_instance, 1e-9, 1e-10)).toBe(true);
    if (!c.feasible) return;
    expect(close(plan.costTotal as number, c.cost_total as number, 1e-6)).toBe(true);
    expect(close(plan.costEgress as number, c.cost_egress as number, 1e-6, 1e-9)).toBe(true);
    expect(close(plan.costInstance as number, c.cost_instance as number, 1e-6, 1e-9)).toBe(true);
    expect(plan.instancesPerRegion).toEqual(c.instances_per_region);
    expect(close(plan.transferSeconds as number, c.transfer_runtime_s as number, 1e-9, 1e-10)).toBe(true);
  };

  it.each(cases.map((c) => [`${c.src} -> ${c.dst} limit ${c.instance_limit} at ${c.required_throughput_gbits}`, c] as const))(
    '%s',
    async (_, c) => expectMatches(await planOf(c), c),
  );

  it('answers every infeasible case with a throughput the instance limit can carry, and not much more', async () => {
    for (const c of cases.filter((c) => !c.feasible)) {
      const plan = await planOf(c);
      expect(plan.throughputGbits).toBeGreaterThan(0);
      expect(plan.throughputGbits).toBeLessThan(c.required_throughput_gbits);
      // The same limit at a feasible case's throughput is at most the largest.
      for (const other of cases.filter((o) => o.src === c.src && o.dst === c.dst && o.instance_limit === c.instance_limit && o.feasible)) {
        expect(other.required_throughput_gbits).toBeLessThanOrEqual(plan.throughputGbits + 1e-6);
      }
    }
  });

  it('reports the plan its edges describe: flows conserved, whole connections near the need and within 64 per VM', async () => {
    const profile = sharedProfile();
    const grid = solverGrid(profile);
    const n = grid.regions.length;
    for (const c of cases.filter((c) => c.feasible)) {
      const plan = await planOf(c);
      const net = new Map<string, number>();
      const conns = new Map<string, { out: number; in: number }>();
      for (const edge of plan.edges) {
        net.set(edge.src, (net.get(edge.src) ?? 0) - edge.flowGbits);
        net.set(edge.dst, (net.get(edge.dst) ?? 0) + edge.flowGbits);
        const capacity = grid.capacityGbits[grid.regions.indexOf(edge.src) * n + grid.regions.indexOf(edge.dst)] as number;
        // Whole connections: at most one short of the linear model's exact need (where rounding up would break 64 per VM).
        expect(edge.connections).toBeGreaterThanOrEqual(Math.ceil((64 * edge.flowGbits) / capacity - 1e-6) - 1);
        const from = conns.get(edge.src) ?? { out: 0, in: 0 };
        from.out += edge.connections;
        conns.set(edge.src, from);
        const to = conns.get(edge.dst) ?? { out: 0, in: 0 };
        to.in += edge.connections;
        conns.set(edge.dst, to);
      }
      for (const [region, balance] of net) {
        const expected = region === c.src ? -c.required_throughput_gbits : region === c.dst ? c.required_throughput_gbits : 0;
        expect(Math.abs(balance - expected)).toBeLessThan(1e-5);
      }
      for (const [region, { out, in: inn }] of conns) {
        const vms = plan.instancesPerRegion[region] ?? 0;
        expect(out).toBeLessThanOrEqual(64 * vms);
        expect(inn).toBeLessThanOrEqual(64 * vms);
      }
    }
  });

  it("matches RON's best one-relay path per pair", async () => {
    const profile = sharedProfile();
    for (const r of ron) {
      const c = cases.find((c) => c.src === r.src && c.dst === r.dst && c.instance_limit === 1) as ReferenceCase;
      const plan = await planOf(c);
      expect(plan.baselineRon.path).toEqual(r.best_path);
      expect(close(plan.baselineRon.throughputGbits, r.bottleneck_throughput_gbits_per_instance, 1e-9, 1e-10)).toBe(true);
      expect(close(plan.baselineRon.costEgress, r.egress_cost_per_gb * c.gbyte_to_transfer, 1e-9, 1e-10)).toBe(true);
      expect(profile.regions).toContain(r.best_path[1]);
    }
  });

  // GLPK is slower (seconds per case): every pair, at two limits, one feasible and one infeasible throughput.
  const glpkCases = cases.filter(
    (c) => (c.instance_limit === 1 && c.required_throughput_gbits === 2.5) || (c.instance_limit === 2 && c.required_throughput_gbits === 20),
  );
  it.each(glpkCases.map((c) => [`${c.src} -> ${c.dst} limit ${c.instance_limit} at ${c.required_throughput_gbits}`, c] as const))(
    'GLPK: %s',
    async (_, c) => expectMatches(await planOf(c, 'glpk'), c),
  );
});
