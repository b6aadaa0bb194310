import { linearChain, toTopoGraph } from '@strata/graph';
import { solve } from '@strata/solver';
import { noRematPeak } from '../src/budget.js';
import { buildCheckmateMilp, type FractionalPlan } from '../src/milp/formulation.js';
import { solveROpt } from '../src/lp-round/r-opt.js';
import { repairRounding } from '../src/lp-round/repair.js';
import { DEFAULT_THRESHOLDS, thresholdS } from '../src/lp-round/rounding.js';
import { exactOptimum } from '../src/oracle/exact.js';
import { simulate } from '../src/simulator/simulate.js';

async function relaxation(n: number, budget: number, lpMethod: 'simplex' | 'ipm-no-crossover') {
  const topo = toTopoGraph(linearChain(n));
  const lp = buildCheckmateMilp(topo, budget, { relax: true });
  const result = await solve(lp.model, { backend: 'highs', relax: true, lpMethod });
  expect(result.status).toBe('optimal');
  return { topo, lp, result, fractional: lp.fractional(result.values!) };
}

describe('repairing a rounding that is over budget', () => {
  test('on a linear chain every over-budget threshold rounding becomes a valid plan within budget, or null only when none exists', async () => {
    let repaired = 0;
    for (let budget = 3; budget <= 8; budget++) {
      const { topo, fractional } = await relaxation(7, budget, 'simplex');
      const oracle = exactOptimum(topo, budget);
      if (oracle === null || oracle === 'gave-up')
        throw new Error(`oracle: no optimum at ${budget}`);
      for (const threshold of DEFAULT_THRESHOLDS) {
        const S = thresholdS(fractional, threshold);
        const before = simulate(topo, { R: solveROpt(topo, S), S });
        if (before.peakBytes <= budget) continue;
        const fixed = repairRounding(topo, budget, fractional, S);
        expect(fixed).not.toBeNull();
        const replay = simulate(topo, fixed!.plan);
        expect(replay.valid).toBe(true);
        expect(replay.peakBytes).toBeLessThanOrEqual(budget);
        expect([replay.cost, replay.peakBytes]).toEqual([fixed!.cost, fixed!.peakBytes]);
        expect(replay.cost).toBeGreaterThanOrEqual(oracle.cost);
        repaired++;
      }
    }
    // The check above must have run: at tight budgets low thresholds keep too much.
    expect(repaired).toBeGreaterThan(0);
  }, 60_000);

  test('below the smallest feasible budget nothing can be dropped into a fit: null', async () => {
    const topo = toTopoGraph(linearChain(5));
    const all: FractionalPlan = {
      R: Array.from({ length: topo.size }, () => new Float64Array(topo.size)),
      S: Array.from({ length: topo.size }, (_, t) =>
        Float64Array.from({ length: topo.size }, (_, i) => (i < t ? 1 : 0)),
      ),
    };
    const S = thresholdS(all, 0.5);
    expect(repairRounding(topo, 2, all, S)).toBeNull(); // a chain needs 3 slots (exact oracle)
    expect(exactOptimum(topo, 2)).toBeNull();
    const fits = repairRounding(topo, 3, all, S);
    expect(simulate(topo, fits!.plan).peakBytes).toBeLessThanOrEqual(3);
    expect(fits!.peakBytes).toBeLessThan(noRematPeak(topo));
  });
});

describe('lpMethod for the relaxation', () => {
  test('interior point without crossover reaches the simplex optimum of the LP', async () => {
    for (const budget of [3, 5, 9]) {
      const simplex = await relaxation(6, budget, 'simplex');
      const ipm = await relaxation(6, budget, 'ipm-no-crossover');
      expect(ipm.result.objective!).toBeCloseTo(simplex.result.objective!, 4);
    }
  });
});
