import { linearChain, toTopoGraph, totalComputeCost, type TopoGraph } from '@strata/graph';
import { noRematPeak } from '../src/budget.js';
import { exactOptimum, type OracleResult } from '../src/oracle/exact.js';
import { simulate } from '../src/simulator/simulate.js';
import { topoFixture } from './fixtures/topo.js';

function solved(result: OracleResult | null | 'gave-up'): OracleResult | null {
  if (result === 'gave-up') throw new Error('oracle gave up');
  return result;
}

/** The oracle's schedule must replay in the independent simulator at its claimed cost and within budget. */
function expectReplays(topo: TopoGraph, budget: number, result: OracleResult): void {
  const sim = simulate(topo, result.plan);
  expect(sim.error).toBeUndefined();
  expect(sim.valid).toBe(true);
  expect(sim.peakBytes).toBeLessThanOrEqual(budget);
  expect(sim.cost).toBeCloseTo(result.cost, 9);
}

describe('exact oracle on Checkmate linear chains (unit costs and sizes)', () => {
  test.each([2, 3, 4])(
    'n = %i: the pruned search equals exhaustive enumeration at every budget',
    (n) => {
      const topo = toTopoGraph(linearChain(n));
      for (let budget = 1; budget <= noRematPeak(topo); budget++) {
        const pruned = solved(exactOptimum(topo, budget));
        const exhaustive = solved(exactOptimum(topo, budget, { exhaustive: true }));
        expect(pruned?.cost ?? null).toBe(exhaustive?.cost ?? null);
        if (pruned !== null) expectReplays(topo, budget, pruned);
      }
    },
  );

  test.each([5, 6, 7, 8])(
    'n = %i: optima fall with the budget to one pass at the no-remat peak',
    (n) => {
      const topo = toTopoGraph(linearChain(n));
      const peak = noRematPeak(topo);
      let previous = Infinity;
      let smallestFeasible: number | null = null;
      for (let budget = 1; budget <= peak; budget++) {
        const result = solved(
          exactOptimum(topo, budget, previous < Infinity ? { upperBound: previous } : {}),
        );
        if (result === null) {
          expect(smallestFeasible).toBeNull(); // infeasible budgets are a prefix
          continue;
        }
        smallestFeasible ??= budget;
        expectReplays(topo, budget, result);
        expect(result.cost).toBeLessThanOrEqual(previous);
        previous = result.cost;
      }
      // Every stage must hold node t and an input of it, plus the loss gradient's two inputs: 3 values.
      expect(smallestFeasible).toBe(3);
      expect(previous).toBe(totalComputeCost(topo));
      // With 3 slots only the previous gradient survives a backward stage, so the gradient of forward
      // node i (i ≤ n−2) recomputes f_0..f_i first: 2n+1 + Σ_{i<n−1} (i+1) = (n+1)(n+2)/2.
      expect(solved(exactOptimum(topo, 3))?.cost).toBe(((n + 1) * (n + 2)) / 2);
    },
  );
});

describe('exact oracle on a small non-uniform DAG', () => {
  // A diamond with a skip connection, mixed sizes and costs: dominance must hold beyond unit chains.
  const topo = topoFixture(
    [
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
      [0, 4],
      [3, 4],
      [4, 5],
      [2, 5],
      [5, 6],
      [1, 6],
    ],
    [3, 1, 4, 1, 5, 9, 2],
    [4, 2, 3, 1, 2, 2, 1],
  );
  test('pruned and exhaustive searches agree at every budget', () => {
    let feasibleSeen = 0;
    for (let budget = 1; budget <= 16; budget++) {
      const pruned = solved(exactOptimum(topo, budget));
      const exhaustive = solved(exactOptimum(topo, budget, { exhaustive: true }));
      expect(pruned?.cost ?? null).toBe(exhaustive?.cost ?? null);
      if (pruned !== null) {
        feasibleSeen++;
        expectReplays(topo, budget, pruned);
      }
    }
    expect(feasibleSeen).toBeGreaterThan(3);
  });

  test('a wrong upper bound costs time, not exactness', () => {
    const exact = solved(exactOptimum(topo, 10));
    const withLowBound = solved(exactOptimum(topo, 10, { upperBound: 1 }));
    expect(withLowBound?.cost).toBe(exact?.cost);
  });
});
