import { linearChain, randomLayeredGraph, toTopoGraph, type TopoGraph } from '@strata/graph';
import { checkFeasible } from '@strata/solver';
import { checkpointAllPlan } from '../src/baselines/checkpoint-all.js';
import { solveROpt } from '../src/lp-round/r-opt.js';
import { buildCheckmateMilp } from '../src/milp/formulation.js';
import { commonScale, conditioningShift, scaledBudget } from '../src/milp/scale.js';
import type { StagePlan } from '../src/plan-types.js';
import { simulate } from '../src/simulator/simulate.js';

describe('gcd scaling', () => {
  test('integers divide by their gcd, zeros ignored', () => {
    expect(commonScale([4096, 8192, 0, 12288])).toEqual({ divisor: 4096, integral: true });
    expect(commonScale([0, 0])).toEqual({ divisor: 1, integral: true });
  });
  test('short decimals are shifted to integers first', () => {
    expect(commonScale([1.5, 2.25, 0.75])).toEqual({ divisor: 0.75, integral: true });
  });
  test('arbitrary floats get a power-of-two divisor that leaves the largest in [2^20, 2^21)', () => {
    const scale = commonScale([Math.PI * 1e9, 1]);
    expect(scale.integral).toBe(false);
    expect(Math.log2(scale.divisor) % 1).toBe(0);
    const largest = (Math.PI * 1e9) / scale.divisor;
    expect(largest).toBeGreaterThanOrEqual(2 ** 20);
    expect(largest).toBeLessThan(2 ** 21);
  });
  test('conditioning brings the largest size to at most 2^10 units, by at most 2^16', () => {
    expect(conditioningShift(900)).toBe(0);
    expect(conditioningShift(3_211_264)).toBe(12);
    expect(3_211_264 / 2 ** 12).toBeLessThanOrEqual(1024);
    expect(conditioningShift(1e30)).toBe(16);
    expect(scaledBudget(10_000, { divisor: 4096, integral: true }, 1)).toBe(1);
  });
  test('an integral budget rounds down to whole units (the same integer feasible set)', () => {
    expect(scaledBudget(10_000, { divisor: 4096, integral: true })).toBe(2);
    expect(scaledBudget(8192, { divisor: 4096, integral: true })).toBe(2);
    expect(scaledBudget(3, { divisor: 2, integral: false })).toBeCloseTo(1.5 - 1e-4, 12);
  });
});

/** Random valid plans: checkpoint-all, and random checkpoint sets completed by solveROpt. */
function samplePlans(topo: TopoGraph, count: number, seed: number): StagePlan[] {
  let state = seed;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const plans: StagePlan[] = [checkpointAllPlan(topo)];
  for (let p = 0; p < count; p++) {
    const density = random();
    const S = Array.from({ length: topo.size }, (_, t) =>
      Uint8Array.from({ length: topo.size }, (_, i) => (i < t && random() < density ? 1 : 0)),
    );
    plans.push({ R: solveROpt(topo, S), S });
  }
  return plans;
}

describe('buildCheckmateMilp', () => {
  test('creates R, S, U for i ≤ t (S for i < t) and FREE for edges into nodes ≤ t', () => {
    const topo = toTopoGraph(linearChain(3)); // 7 nodes, 9 edges
    const milp = buildCheckmateMilp(topo, 5);
    const T = topo.size;
    let frees = 0;
    for (let t = 0; t < T; t++) frees += topo.edges.filter(([, k]) => k <= t).length;
    expect(milp.model.numVariables).toBe(
      (T * (T + 1)) / 2 + (T * (T - 1)) / 2 + (T * (T + 1)) / 2 + frees,
    );
    expect(milp.rIndex(2, 3)).toBe(-1);
    expect(milp.sIndex(2, 2)).toBe(-1);
    expect(milp.model.variableType(milp.rIndex(2, 1))).toBe('binary');
    const relaxed = buildCheckmateMilp(topo, 5, { relax: true });
    expect(relaxed.model.hasIntegers).toBe(false);
    expect(relaxed.model.numConstraints).toBe(milp.model.numConstraints);
  });

  test.each([
    ['linear chain n=5', toTopoGraph(linearChain(5))],
    [
      'random layered DAG',
      toTopoGraph(
        randomLayeredGraph({ nodes: 14, width: 3, edgeDensity: 0.5, seed: 3, skipDensity: 0.3 }),
      ),
    ],
    [
      'random layered DAG, other seed',
      toTopoGraph(randomLayeredGraph({ nodes: 12, width: 2, edgeDensity: 0.6, seed: 11 })),
    ],
  ])('%s: the model accepts a plan exactly when the simulator says it fits', (_name, topo) => {
    for (const plan of samplePlans(topo, 25, 17)) {
      const sim = simulate(topo, plan);
      expect(sim.valid).toBe(true);
      const atPeak = buildCheckmateMilp(topo, sim.peakBytes);
      const values = atPeak.encode(plan);
      expect(checkFeasible(atPeak.model, values)).toEqual([]);
      expect(atPeak.toCost(atPeak.model.evaluate(values))).toBeCloseTo(sim.cost, 6);
      const decoded = atPeak.decode(values);
      expect(decoded.R.map((row) => Array.from(row))).toEqual(plan.R.map((row) => Array.from(row)));
      expect(decoded.S.map((row) => Array.from(row))).toEqual(plan.S.map((row) => Array.from(row)));
      // One byte less and some U point must break the budget.
      const below = buildCheckmateMilp(topo, sim.peakBytes - 1);
      const violations = checkFeasible(below.model, below.encode(plan));
      expect(violations.length).toBeGreaterThan(0);
      expect(violations.every((v) => v.kind === 'bound')).toBe(true);
    }
  });

  test('an assignment with a missing input breaks a correctness row', () => {
    const topo = toTopoGraph(linearChain(3));
    const plan = checkpointAllPlan(topo);
    const broken: StagePlan = { R: plan.R, S: plan.S.map((row) => row.slice()) };
    (broken.S[5] as Uint8Array).fill(0); // stage 5 needs its inputs resident
    const milp = buildCheckmateMilp(topo, 100);
    const kinds = checkFeasible(milp.model, milp.encode(broken)).map((v) => v.kind);
    expect(kinds).toContain('row');
  });

  test('rejects a negative or non-finite budget', () => {
    const topo = toTopoGraph(linearChain(2));
    expect(() => buildCheckmateMilp(topo, -1)).toThrow(/budget -1/);
    expect(() => buildCheckmateMilp(topo, Infinity)).toThrow(/budget/);
  });
});
