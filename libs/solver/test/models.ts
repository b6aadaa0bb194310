import { Model } from '../src/index.js';

/** A conformance model: how to build it and what any correct backend must report. */
export interface ConformanceCase {
  name: string;
  build(): Model;
  expected:
    | { status: 'optimal'; objective: number; values?: readonly number[] }
    | { status: 'infeasible' }
    | { status: 'unbounded' };
  /** Optimum of the LP relaxation, when it differs from the integer optimum (checked with relax: true). */
  relaxedObjective?: number;
}

/** Σ coefs·x over `vars`, as a constraint. */
function row(model: Model, terms: [number, number][], sense: '<=' | '>=' | '=', rhs: number): void {
  model.addConstraint(
    terms.map(([v]) => v),
    terms.map(([, c]) => c),
    sense,
    rhs,
  );
}

export const cases: ConformanceCase[] = [
  {
    name: 'tiny LP with a unique optimum',
    // max 3x + 2y, x + y ≤ 4, x + 3y ≤ 6, x ≤ 3 → x = 3, y = 1, z = 11
    build() {
      const m = new Model({ sense: 'maximize' });
      const x = m.addVariable({ objective: 3, ub: 3 });
      const y = m.addVariable({ objective: 2 });
      row(m, [[x, 1], [y, 1]], '<=', 4);
      row(m, [[x, 1], [y, 3]], '<=', 6);
      return m;
    },
    expected: { status: 'optimal', objective: 11, values: [3, 1] },
  },
  {
    name: 'infeasible LP',
    build() {
      const m = new Model();
      const x = m.addVariable({ objective: 1 });
      const y = m.addVariable({ objective: 1 });
      row(m, [[x, 1], [y, 1]], '<=', 1);
      row(m, [[x, 1], [y, 1]], '>=', 2);
      return m;
    },
    expected: { status: 'infeasible' },
  },
  {
    name: 'unbounded LP',
    build() {
      const m = new Model({ sense: 'maximize' });
      const x = m.addVariable({ objective: 1 });
      const y = m.addVariable({ objective: 1 });
      row(m, [[x, 1], [y, -1]], '<=', 1);
      return m;
    },
    expected: { status: 'unbounded' },
  },
  {
    name: '0/1 knapsack',
    // weights 5, 7, 4, 4, 3, capacity 12: items 0, 3, 4 (weight 12) give 24
    build() {
      const m = new Model({ sense: 'maximize' });
      const value = [10, 13, 7, 8, 6];
      const weight = [5, 7, 4, 4, 3];
      const first = m.addVariables(5, { type: 'binary' });
      value.forEach((v, i) => m.setObjectiveCoefficient(first + i, v));
      row(m, weight.map((w, i) => [first + i, w]), '<=', 12);
      return m;
    },
    expected: { status: 'optimal', objective: 24 },
  },
];
