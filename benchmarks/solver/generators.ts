import { mulberry32 } from '@strata/cli';
import { Model } from '@strata/solver';

/**
 * A random covering LP: min Σ c_j x_j, Σ_{j∈S_i} a_ij x_j ≥ 0.2 Σ_{j∈S_i} a_ij, 0 ≤ x ≤ 1, with
 * `perRow` distinct random columns per row, a_ij ∈ {1..10}, c_j ∈ {1..100}. Feasible (x = 1) and
 * bounded, with a nontrivial optimum.
 */
export function randomCoveringLp(variables: number, rows: number, perRow: number, seed = 1): Model {
  const random = mulberry32(seed);
  const model = new Model({ name: `cover-${variables}x${rows}` });
  model.addVariables(variables, { ub: 1 });
  for (let j = 0; j < variables; j++) model.setObjectiveCoefficient(j, 1 + Math.floor(random() * 100));
  const used = new Int32Array(variables).fill(-1);
  const vars = new Int32Array(perRow);
  const coefs = new Float64Array(perRow);
  for (let i = 0; i < rows; i++) {
    let total = 0;
    for (let k = 0; k < perRow; k++) {
      let j: number;
      do j = Math.floor(random() * variables);
      while (used[j] === i);
      used[j] = i;
      vars[k] = j;
      coefs[k] = 1 + Math.floor(random() * 10);
      total += coefs[k] as number;
    }
    model.addConstraint(vars, coefs, '>=', Math.round(0.2 * total));
  }
  return model;
}

/**
 * A balanced random transportation LP with side constraints: `sources` × `sinks` shipments with
 * costs 1..100, supplies and demands summing to the same total, and `resources` shared budgets
 * (trucks, emissions, …): every shipment uses 1..10 units of each per unit shipped, more on cheap
 * routes. Each budget is the usage of the northwest-corner plan, so the LP is feasible, and the
 * cheapest routes' usage exceeds it, so the budgets bind. Nonzeros:
 * (2 + resources) per variable, so 200 × 500 with 8 resources gives 10^5 variables, 10^6 nonzeros.
 */
export function transportationWithBudgets(sources: number, sinks: number, resources: number, seed = 1): Model {
  const random = mulberry32(seed);
  const model = new Model({ name: `transport-${sources}x${sinks}-budgets${resources}` });
  const demand = Array.from({ length: sinks }, () => 1 + Math.floor(random() * 100));
  const total = demand.reduce((s, d) => s + d, 0);
  const supply = Array.from({ length: sources }, () => Math.floor(total / sources));
  supply[0] = (supply[0] as number) + total - supply.reduce((s, x) => s + x, 0);
  const n = sources * sinks;
  const at = (i: number, j: number) => i * sinks + j;
  model.addVariables(n);
  const cost = Float64Array.from({ length: n }, () => 1 + Math.floor(random() * 100));
  for (let k = 0; k < n; k++) model.setObjectiveCoefficient(k, cost[k] as number);
  for (let i = 0; i < sources; i++) {
    const vars = Array.from({ length: sinks }, (_, j) => at(i, j));
    model.addConstraint(vars, new Float64Array(sinks).fill(1), '<=', supply[i] as number);
  }
  for (let j = 0; j < sinks; j++) {
    const vars = Array.from({ length: sources }, (_, i) => at(i, j));
    model.addConstraint(vars, new Float64Array(sources).fill(1), '>=', demand[j] as number);
  }
  const northwest = northwestCorner(supply, demand);
  const all = Int32Array.from({ length: n }, (_, k) => k);
  for (let r = 0; r < resources; r++) {
    const use = Float64Array.from({ length: n }, (_, k) => {
      const typical = 11 - Math.ceil((cost[k] as number) / 10);
      return Math.min(10, Math.max(1, typical + Math.floor(random() * 3) - 1));
    });
    let budget = 0;
    for (const [k, q] of northwest) budget += (use[k] as number) * q;
    model.addConstraint(all, use, '<=', budget);
  }
  return model;
}

/** The northwest-corner plan of a balanced transportation problem, as [variable, quantity] pairs. */
function northwestCorner(supply: number[], demand: number[]): [number, number][] {
  const s = [...supply];
  const d = [...demand];
  const plan: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < s.length && j < d.length) {
    const q = Math.min(s[i] as number, d[j] as number);
    if (q > 0) plan.push([i * d.length + j, q]);
    s[i] = (s[i] as number) - q;
    d[j] = (d[j] as number) - q;
    if (s[i] === 0) i++;
    else j++;
  }
  return plan;
}

/**
 * A balanced random transportation LP: `sources` × `sinks` shipments, supplies and demands that sum
 * to the same total, costs 1..100. Feasible and bounded; 2 nonzeros per variable.
 */
export function randomTransportationLp(sources: number, sinks: number, seed = 1): Model {
  const random = mulberry32(seed);
  const model = new Model({ name: `transport-${sources}x${sinks}` });
  const demand = Array.from({ length: sinks }, () => 1 + Math.floor(random() * 100));
  const total = demand.reduce((s, d) => s + d, 0);
  const supply = Array.from({ length: sources }, () => Math.floor(total / sources));
  supply[0] = (supply[0] as number) + total - supply.reduce((s, x) => s + x, 0);
  const first = model.addVariables(sources * sinks);
  for (let k = 0; k < sources * sinks; k++) model.setObjectiveCoefficient(first + k, 1 + Math.floor(random() * 100));
  for (let i = 0; i < sources; i++) {
    const vars = Array.from({ length: sinks }, (_, j) => first + i * sinks + j);
    model.addConstraint(vars, new Float64Array(sinks).fill(1), '<=', supply[i] as number);
  }
  for (let j = 0; j < sinks; j++) {
    const vars = Array.from({ length: sources }, (_, i) => first + i * sinks + j);
    model.addConstraint(vars, new Float64Array(sources).fill(1), '>=', demand[j] as number);
  }
  return model;
}
