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

// A diamond with a skip connection, mixed sizes and costs: dominance must hold beyond unit chains.
const diamondEdges: readonly (readonly [number, number])[] = [
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
];
const diamondCost = [3, 1, 4, 1, 5, 9, 2];
const diamondBytes = [4, 2, 3, 1, 2, 2, 1];

describe('exact oracle on a small non-uniform DAG', () => {
  const topo = topoFixture(diamondEdges, diamondCost, diamondBytes);
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

  test('a state limit gives up or answers exactly, never a wrong cost or a false infeasible', () => {
    const outcomes = new Set<string>();
    for (let budget = 1; budget <= 16; budget++) {
      const exact = solved(exactOptimum(topo, budget))?.cost ?? null;
      for (let maxStates = 1; maxStates <= 200; maxStates++) {
        const limited = exactOptimum(topo, budget, { maxStates });
        outcomes.add(limited === 'gave-up' ? 'gave-up' : limited === null ? 'null' : 'cost');
        if (limited !== 'gave-up')
          expect({ budget, cost: limited?.cost ?? null }).toEqual({ budget, cost: exact });
      }
    }
    expect(outcomes).toEqual(new Set(['gave-up', 'null', 'cost'])); // the limit bound in some
  });

  test('a wrong upper bound costs time, not exactness', () => {
    const exact = solved(exactOptimum(topo, 10));
    const withLowBound = solved(exactOptimum(topo, 10, { upperBound: 1 }));
    expect(withLowBound?.cost).toBe(exact?.cost);
  });
});

describe('exact oracle beyond 32 nodes (two-word masks)', () => {
  // The diamond spread over 40 nodes, its nodes at indices on both sides of bit 32, the other 33
  // nodes isolated with cost 1 and size 0. An isolated node is computed once, in its own stage, and
  // holds no memory, so at every budget the optimum must be the 7-node diamond's optimum (from the
  // exhaustive enumeration, which is out of reach at 40 nodes) plus 33.
  const at = [3, 12, 20, 29, 33, 36, 39];
  const size = 40;
  const cost = Array.from({ length: size }, () => 1);
  const bytes = Array.from({ length: size }, () => 0);
  at.forEach((index, j) => {
    cost[index] = diamondCost[j] as number;
    bytes[index] = diamondBytes[j] as number;
  });
  const spread = topoFixture(
    diamondEdges.map(([i, k]) => [at[i] as number, at[k] as number] as const),
    cost,
    bytes,
  );
  const diamond = topoFixture(diamondEdges, diamondCost, diamondBytes);

  test('at every budget the optimum is the small graph exhaustive optimum plus the fillers', () => {
    let feasibleSeen = 0;
    for (let budget = 1; budget <= 16; budget++) {
      const small = solved(exactOptimum(diamond, budget, { exhaustive: true }));
      const wide = solved(exactOptimum(spread, budget));
      expect({ budget, cost: wide?.cost ?? null }).toEqual({
        budget,
        cost: small === null ? null : small.cost + size - at.length,
      });
      if (wide !== null) {
        feasibleSeen++;
        expectReplays(spread, budget, wide);
      }
    }
    expect(feasibleSeen).toBeGreaterThan(3);
  });

  test('more nodes than the state keys can hold is a one-line error', () => {
    const tooBig = topoFixture([], new Array(48).fill(1), new Array(48).fill(1));
    expect(() => exactOptimum(tooBig, 10)).toThrow(/48 nodes, at most 47/);
  });
});
