import { linearChain, toTopoGraph, totalComputeCost } from '@strata/graph';
import { noRematPeak } from '../src/budget.js';
import { lpRoundPlanner } from '../src/lp-round/planner.js';
import { randomS, seededRandom, thresholdS } from '../src/lp-round/rounding.js';
import { milpPlanner } from '../src/milp/planner.js';
import { exactOptimum } from '../src/oracle/exact.js';
import { simulate } from '../src/simulator/simulate.js';
import { loadShippedGraph, PAPER_VGG16 } from './fixtures/shared.js';

describe('rounding helpers', () => {
  const fractional = {
    R: [new Float64Array([1, 0]), new Float64Array([0.5, 1])],
    S: [new Float64Array([0, 0]), new Float64Array([0.35, 0])],
  };
  test('thresholds keep entries at or above the threshold', () => {
    expect(Array.from(thresholdS(fractional, 0.3)[1]!)).toEqual([1, 0]);
    expect(Array.from(thresholdS(fractional, 0.4)[1]!)).toEqual([0, 0]);
  });
  test('randomized rounding keeps an entry with its LP value as probability, reproducibly', () => {
    const random = seededRandom(42);
    let kept = 0;
    for (let i = 0; i < 4000; i++) kept += randomS(fractional, random)[1]![0]!;
    expect(kept / 4000).toBeGreaterThan(0.32);
    expect(kept / 4000).toBeLessThan(0.38);
    const again = seededRandom(42);
    const first = seededRandom(42);
    expect([again(), again()]).toEqual([first(), first()]);
  });
});

describe('LP rounding planner', () => {
  test('on a linear chain every plan fits, costs at least the exact optimum, and the LP bound is below it', async () => {
    const topo = toTopoGraph(linearChain(6));
    for (let budget = 2; budget <= noRematPeak(topo); budget++) {
      const oracle = exactOptimum(topo, budget);
      if (oracle === 'gave-up') throw new Error('oracle gave up');
      const out = await lpRoundPlanner(topo, budget, { backend: 'highs', seed: 1 });
      expect(out.solver).toBe('lp-round');
      if (oracle === null) {
        // The relaxation may still have fractional points (then no rounding fits): never a plan.
        expect(out.plan).toBeNull();
        expect(['infeasible', 'over-budget']).toContain(out.status);
        continue;
      }
      expect(out.lowerBound!).toBeLessThanOrEqual(oracle.cost + 1e-6);
      if (out.plan === null) {
        expect(out.status).toBe('over-budget');
        continue;
      }
      const replay = simulate(topo, out.plan);
      expect(replay.valid).toBe(true);
      expect(replay.peakBytes).toBeLessThanOrEqual(budget);
      expect(replay.cost).toBeGreaterThanOrEqual(oracle.cost);
      expect(out.optimal).toBe(replay.cost <= out.lowerBound! * (1 + 1e-9));
    }
    // Below every activation the relaxation itself is infeasible: no plan exists at all.
    const none = await lpRoundPlanner(topo, 0, { backend: 'highs' });
    expect([none.plan, none.status]).toEqual([null, 'infeasible']);
    // With the whole no-remat peak, the LP is integral and rounding is exact.
    const full = await lpRoundPlanner(topo, noRematPeak(topo), { backend: 'highs' });
    expect(simulate(topo, full.plan!).cost).toBe(totalComputeCost(topo));
    expect(full.optimal).toBe(true);
  }, 120_000);

  it('an LP that runs out of time yields no plan and says so (time_limit, not over-budget)', async () => {
    const topo = await loadShippedGraph(PAPER_VGG16);
    const budget = Math.floor(noRematPeak(topo) * 0.7);
    const out = await lpRoundPlanner(topo, budget, { backend: 'highs', timeLimitSeconds: 0.001 });
    expect([out.plan, out.status, out.optimal]).toEqual([null, 'time_limit', false]);
  });

  it('VGG16 at 70% of the no-remat peak: within 5% of the MILP optimum, the same for a seed', async () => {
    const topo = await loadShippedGraph(PAPER_VGG16);
    const budget = Math.floor(noRematPeak(topo) * 0.7);
    const rounded = await lpRoundPlanner(topo, budget, { backend: 'highs', seed: 7 });
    const replay = simulate(topo, rounded.plan!);
    expect(replay.peakBytes).toBeLessThanOrEqual(budget);
    const exact = await milpPlanner(topo, budget, { backend: 'highs' });
    const optimum = simulate(topo, exact.plan!).cost;
    expect(replay.cost).toBeGreaterThanOrEqual(optimum);
    expect(replay.cost).toBeLessThanOrEqual(optimum * 1.05);
    expect(rounded.lowerBound!).toBeLessThanOrEqual(optimum);
    expect(rounded.gap).toBeCloseTo((replay.cost - rounded.lowerBound!) / replay.cost, 9);
    const again = await lpRoundPlanner(topo, budget, { backend: 'highs', seed: 7 });
    expect(simulate(topo, again.plan!).cost).toBe(replay.cost);
  }, 120_000);
});
