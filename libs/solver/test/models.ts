import { Model } from '../src/index.js';

/**
 * The conformance models: each with the answer any correct backend must give. Small optima are
 * worked out in the comments; combinatorial ones are checked against an independent brute force
 * (enumeration, Dijkstra, the northwest-corner rule on a Monge cost matrix) computed here.
 */
export interface ConformanceCase {
  name: string;
  build(): Model;
  expected:
    | { status: 'optimal'; objective: number; values?: readonly number[] }
    | { status: 'infeasible' }
    | { status: 'unbounded' };
  /** Optimum of the LP relaxation when it differs from the integer optimum (checked with relax: true). */
  relaxedObjective?: number;
}

type Sense = '<=' | '>=' | '=';

function row(model: Model, terms: readonly (readonly [number, number])[], sense: Sense, rhs: number): void {
  model.addConstraint(
    terms.map(([v]) => v),
    terms.map(([, c]) => c),
    sense,
    rhs,
  );
}

function* subsets(n: number): Generator<boolean[]> {
  for (let mask = 0; mask < 1 << n; mask++) yield Array.from({ length: n }, (_, i) => ((mask >> i) & 1) === 1);
}

function* permutations(n: number): Generator<number[]> {
  const p = Array.from({ length: n }, (_, i) => i);
  function* go(k: number): Generator<number[]> {
    if (k === n) {
      yield [...p];
      return;
    }
    for (let i = k; i < n; i++) {
      [p[k], p[i]] = [p[i] as number, p[k] as number];
      yield* go(k + 1);
      [p[k], p[i]] = [p[i] as number, p[k] as number];
    }
  }
  yield* go(0);
}

// ---- data shared by a model and its brute-force answer ----

const KNAPSACK = { value: [12, 11, 9, 8, 7, 6, 5, 3], weight: [7, 6, 5, 5, 4, 4, 3, 2], capacity: 17 };
function knapsackBest(): number {
  let best = 0;
  for (const pick of subsets(KNAPSACK.value.length)) {
    let w = 0;
    let v = 0;
    pick.forEach((p, i) => {
      if (p) {
        w += KNAPSACK.weight[i] as number;
        v += KNAPSACK.value[i] as number;
      }
    });
    if (w <= KNAPSACK.capacity) best = Math.max(best, v);
  }
  return best;
}
/** Dantzig's bound: greedy by value/weight, the first item that does not fit taken fractionally. */
function knapsackRelaxation(): number {
  const order = KNAPSACK.value.map((_, i) => i).sort((a, b) => KNAPSACK.value[b]! / KNAPSACK.weight[b]! - KNAPSACK.value[a]! / KNAPSACK.weight[a]!);
  let room = KNAPSACK.capacity;
  let total = 0;
  for (const i of order) {
    const take = Math.min(1, room / KNAPSACK.weight[i]!);
    total += take * KNAPSACK.value[i]!;
    room -= take * KNAPSACK.weight[i]!;
    if (room <= 0) break;
  }
  return total;
}

const BOUNDED_KNAPSACK = { value: [9, 7, 5, 4], weight: [8, 6, 5, 3], upper: [2, 3, 2, 4], capacity: 29 };
function boundedKnapsackBest(): number {
  const { value, weight, upper, capacity } = BOUNDED_KNAPSACK;
  let best = 0;
  for (let a = 0; a <= upper[0]!; a++)
    for (let b = 0; b <= upper[1]!; b++)
      for (let c = 0; c <= upper[2]!; c++)
        for (let d = 0; d <= upper[3]!; d++) {
          const x = [a, b, c, d];
          const w = x.reduce((s, xi, i) => s + xi * weight[i]!, 0);
          if (w <= capacity) best = Math.max(best, x.reduce((s, xi, i) => s + xi * value[i]!, 0));
        }
  return best;
}

const ASSIGN4 = [
  [9, 2, 7, 8],
  [6, 4, 3, 7],
  [5, 8, 1, 8],
  [7, 6, 9, 4],
];
const ASSIGN6 = [
  [22, 14, 30, 17, 25, 19],
  [18, 29, 12, 24, 16, 27],
  [31, 20, 26, 13, 28, 15],
  [16, 23, 19, 27, 11, 30],
  [25, 17, 28, 21, 24, 12],
  [14, 26, 22, 18, 29, 20],
];
function assignmentBest(cost: number[][]): number {
  let best = Infinity;
  for (const p of permutations(cost.length)) best = Math.min(best, p.reduce((s, j, i) => s + cost[i]![j]!, 0));
  return best;
}

/** Elements 0..9; each set with its cost. */
const SET_COVER = {
  elements: 10,
  sets: [
    { cost: 3, members: [0, 1, 2, 3] },
    { cost: 2, members: [2, 4, 5] },
    { cost: 4, members: [3, 6, 7, 8] },
    { cost: 2, members: [0, 5, 9] },
    { cost: 3, members: [1, 4, 7] },
    { cost: 1, members: [8, 9] },
    { cost: 3, members: [5, 6, 9] },
    { cost: 2, members: [0, 6, 8] },
  ],
};
function setCoverBest(): number {
  let best = Infinity;
  for (const pick of subsets(SET_COVER.sets.length)) {
    const covered = new Set<number>();
    let cost = 0;
    pick.forEach((p, i) => {
      if (!p) return;
      cost += SET_COVER.sets[i]!.cost;
      for (const e of SET_COVER.sets[i]!.members) covered.add(e);
    });
    if (covered.size === SET_COVER.elements) best = Math.min(best, cost);
  }
  return best;
}

/** Directed arcs [from, to, cost, capacity]. */
const GRAPH: [number, number, number, number][] = [
  [0, 1, 4, 10],
  [0, 2, 2, 6],
  [1, 3, 5, 8],
  [2, 1, 1, 5],
  [2, 3, 8, 7],
  [2, 4, 10, 4],
  [3, 4, 2, 9],
  [3, 5, 6, 6],
  [4, 5, 3, 8],
  [1, 4, 12, 3],
];
const GRAPH_NODES = 6;
function dijkstra(source: number, target: number): number {
  const dist = new Array<number>(GRAPH_NODES).fill(Infinity);
  const done = new Array<boolean>(GRAPH_NODES).fill(false);
  dist[source] = 0;
  for (;;) {
    let u = -1;
    for (let v = 0; v < GRAPH_NODES; v++) if (!done[v] && dist[v]! < Infinity && (u < 0 || dist[v]! < dist[u]!)) u = v;
    if (u < 0) break;
    done[u] = true;
    for (const [a, b, c] of GRAPH) if (a === u) dist[b] = Math.min(dist[b]!, dist[u]! + c);
  }
  return dist[target]!;
}

/** Max flow by enumerating s–t cuts (max-flow = min-cut): 2^(n−2) cuts. */
function minCut(source: number, sink: number): number {
  let best = Infinity;
  const inner = Array.from({ length: GRAPH_NODES }, (_, v) => v).filter((v) => v !== source && v !== sink);
  for (const pick of subsets(inner.length)) {
    const sourceSide = new Set([source, ...inner.filter((_, i) => pick[i])]);
    const capacity = GRAPH.filter(([a, b]) => sourceSide.has(a) && !sourceSide.has(b)).reduce((s, [, , , cap]) => s + cap, 0);
    best = Math.min(best, capacity);
  }
  return best;
}

/** Transportation with cost |a_i − b_j| (Monge for sorted a, b): the northwest-corner rule is optimal. */
const TRANSPORT = { supply: [20, 30, 25], demand: [10, 25, 15, 25], at: [0, 4, 9], to: [1, 3, 6, 10] };
function transportCost(i: number, j: number): number {
  return Math.abs(TRANSPORT.at[i]! - TRANSPORT.to[j]!);
}
function northwestCorner(): number {
  const supply = [...TRANSPORT.supply];
  const demand = [...TRANSPORT.demand];
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < supply.length && j < demand.length) {
    const q = Math.min(supply[i]!, demand[j]!);
    total += q * transportCost(i, j);
    supply[i]! -= q;
    demand[j]! -= q;
    if (supply[i] === 0) i++;
    else j++;
  }
  return total;
}

/** Uncapacitated facility location: open costs, service costs[facility][customer]. */
const FACILITY = {
  open: [12, 9, 15, 10],
  serve: [
    [2, 6, 9, 4, 7],
    [8, 3, 5, 9, 2],
    [5, 4, 2, 3, 6],
    [7, 9, 4, 2, 5],
  ],
};
function facilityBest(): number {
  let best = Infinity;
  for (const pick of subsets(FACILITY.open.length)) {
    if (!pick.some(Boolean)) continue;
    let cost = pick.reduce((s, p, f) => s + (p ? FACILITY.open[f]! : 0), 0);
    for (let c = 0; c < FACILITY.serve[0]!.length; c++) {
      cost += Math.min(...FACILITY.serve.filter((_, f) => pick[f]).map((r) => r[c]!));
    }
    best = Math.min(best, cost);
  }
  return best;
}

/**
 * Min-cost flow of 9 units 0 → 5, by enumeration: integer data and a totally unimodular matrix mean
 * an integral optimum exists, so it enumerates integer flows on the free arcs and derives the rest
 * by conservation at each node.
 */
function minCostFlowBest(): number {
  const caps = GRAPH.map(([, , , cap]) => cap);
  const supply = [9, 0, 0, 0, 0, -9];
  let best = Infinity;
  const f = new Array<number>(GRAPH.length).fill(0);
  // Arc order: 0:0-1 1:0-2 2:1-3 3:2-1 4:2-3 5:2-4 6:3-4 7:3-5 8:4-5 9:1-4
  for (f[1] = 0; f[1] <= caps[1]!; f[1]++) {
    f[0] = supply[0]! - f[1]!;
    if (f[0] < 0 || f[0] > caps[0]!) continue;
    for (f[3] = 0; f[3] <= caps[3]!; f[3]++)
      for (f[4] = 0; f[4] <= caps[4]!; f[4]++) {
        f[5] = f[1]! - f[3]! - f[4]!;
        if (f[5] < 0 || f[5] > caps[5]!) continue;
        for (f[9] = 0; f[9] <= caps[9]!; f[9]++) {
          f[2] = f[0]! + f[3]! - f[9]!;
          if (f[2] < 0 || f[2] > caps[2]!) continue;
          for (f[6] = 0; f[6] <= caps[6]!; f[6]++) {
            f[7] = f[2]! + f[4]! - f[6]!;
            if (f[7] < 0 || f[7] > caps[7]!) continue;
            f[8] = f[5]! + f[9]! + f[6]!;
            if (f[8] > caps[8]! || f[7]! + f[8]! !== 9) continue;
            best = Math.min(best, f.reduce((s, fk, k) => s + fk * GRAPH[k]![2], 0));
          }
        }
      }
  }
  return best;
}

/** Node v's flow-conservation terms: +1 on arcs leaving v, −1 on arcs entering it. */
function incidence(flow: number[], v: number): [number, number][] {
  return GRAPH.flatMap(([a, b], k): [number, number][] => (a === v ? [[flow[k]!, 1]] : b === v ? [[flow[k]!, -1]] : []));
}

function assignmentModel(cost: number[][], type: 'continuous' | 'binary'): Model {
  const n = cost.length;
  const m = new Model({ name: `assignment${n}` });
  const x = (i: number, j: number) => i * n + j;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.addVariable({ type, ub: 1, objective: cost[i]![j]! });
  for (let i = 0; i < n; i++) row(m, cost.map((_, j) => [x(i, j), 1] as const), '=', 1);
  for (let j = 0; j < n; j++) row(m, cost.map((_, i) => [x(i, j), 1] as const), '=', 1);
  return m;
}

export const cases: ConformanceCase[] = [
  {
    name: 'tiny LP with a unique optimum',
    // max 3x + 2y; x + y ≤ 4, x + 3y ≤ 6, x ≤ 3 → (3, 1), 11
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
    name: 'tiny LP, minimise with ≥ rows',
    // min 2x + 3y; x + y ≥ 4, x + 3y ≥ 6 → (3, 1), 9
    build() {
      const m = new Model();
      const x = m.addVariable({ objective: 2 });
      const y = m.addVariable({ objective: 3 });
      row(m, [[x, 1], [y, 1]], '>=', 4);
      row(m, [[x, 1], [y, 3]], '>=', 6);
      return m;
    },
    expected: { status: 'optimal', objective: 9, values: [3, 1] },
  },
  {
    name: 'degenerate LP (four constraints active at the optimum)',
    // max x + y; x ≤ 1, y ≤ 1, x + y ≤ 2, x − y ≤ 0, 2x + y ≤ 3 → (1, 1), 2
    build() {
      const m = new Model({ sense: 'maximize' });
      const x = m.addVariable({ objective: 1 });
      const y = m.addVariable({ objective: 1 });
      row(m, [[x, 1]], '<=', 1);
      row(m, [[y, 1]], '<=', 1);
      row(m, [[x, 1], [y, 1]], '<=', 2);
      row(m, [[x, 1], [y, -1]], '<=', 0);
      row(m, [[x, 2], [y, 1]], '<=', 3);
      return m;
    },
    expected: { status: 'optimal', objective: 2, values: [1, 1] },
  },
  {
    name: 'LP with an equality and a free variable',
    // min x + 2y; x + y − z = 2, −1 ≤ z ≤ 4 as rows, z free → y = 0, z = −1, x = 1; objective 1
    build() {
      const m = new Model();
      const x = m.addVariable({ objective: 1 });
      const y = m.addVariable({ objective: 2 });
      const z = m.addVariable({ lb: -Infinity });
      row(m, [[x, 1], [y, 1], [z, -1]], '=', 2);
      row(m, [[z, 1]], '>=', -1);
      row(m, [[z, 1]], '<=', 4);
      return m;
    },
    expected: { status: 'optimal', objective: 1, values: [1, 0, -1] },
  },
  {
    name: 'negative lower and upper bounds',
    // min 2x + y − w; x ∈ [−5, 5], y ∈ [−3, 2], w ∈ [−10, −2], x + y ≥ −6 → (−5, −1, −2), −9
    build() {
      const m = new Model();
      const x = m.addVariable({ lb: -5, ub: 5, objective: 2 });
      const y = m.addVariable({ lb: -3, ub: 2, objective: 1 });
      m.addVariable({ lb: -10, ub: -2, objective: -1 });
      row(m, [[x, 1], [y, 1]], '>=', -6);
      return m;
    },
    expected: { status: 'optimal', objective: -9, values: [-5, -1, -2] },
  },
  {
    name: 'maximise with an objective constant',
    // max 5x + 4y + 100; 6x + 4y ≤ 24, x + 2y ≤ 6 → (3, 1.5), 121
    build() {
      const m = new Model({ sense: 'maximize' });
      const x = m.addVariable({ objective: 5 });
      const y = m.addVariable({ objective: 4 });
      m.objectiveConstant = 100;
      row(m, [[x, 6], [y, 4]], '<=', 24);
      row(m, [[x, 1], [y, 2]], '<=', 6);
      return m;
    },
    expected: { status: 'optimal', objective: 121, values: [3, 1.5] },
  },
  {
    name: 'integer program whose LP relaxation differs',
    // max y; −x + y ≤ 1, 3x + 2y ≤ 12, 2x + 3y ≤ 12; LP (1.8, 2.8) → 2.8; integers → 2
    build() {
      const m = new Model({ sense: 'maximize' });
      const x = m.addVariable({ type: 'integer' });
      const y = m.addVariable({ type: 'integer', objective: 1 });
      row(m, [[x, -1], [y, 1]], '<=', 1);
      row(m, [[x, 3], [y, 2]], '<=', 12);
      row(m, [[x, 2], [y, 3]], '<=', 12);
      return m;
    },
    expected: { status: 'optimal', objective: 2 },
    relaxedObjective: 2.8,
  },
  {
    name: '0/1 knapsack',
    build() {
      const m = new Model({ sense: 'maximize' });
      const first = m.addVariables(KNAPSACK.value.length, { type: 'binary' });
      KNAPSACK.value.forEach((v, i) => m.setObjectiveCoefficient(first + i, v));
      row(m, KNAPSACK.weight.map((w, i) => [first + i, w] as const), '<=', KNAPSACK.capacity);
      return m;
    },
    expected: { status: 'optimal', objective: knapsackBest() },
    relaxedObjective: knapsackRelaxation(),
  },
  {
    name: 'bounded integer knapsack',
    build() {
      const m = new Model({ sense: 'maximize' });
      const { value, weight, upper, capacity } = BOUNDED_KNAPSACK;
      const vars = value.map((v, i) => m.addVariable({ type: 'integer', ub: upper[i]!, objective: v }));
      row(m, vars.map((x, i) => [x, weight[i]!] as const), '<=', capacity);
      return m;
    },
    expected: { status: 'optimal', objective: boundedKnapsackBest() },
  },
  {
    name: 'coin change with an objective constant (equality, integers)',
    // fewest coins of 1, 5, 10, 25 making 63: 25+25+10+1+1+1 = 6 coins; constant −6 → 0
    build() {
      const m = new Model();
      const coins = [1, 5, 10, 25];
      const vars = coins.map(() => m.addVariable({ type: 'integer', objective: 1 }));
      m.objectiveConstant = -6;
      row(m, vars.map((x, i) => [x, coins[i]!] as const), '=', 63);
      return m;
    },
    expected: { status: 'optimal', objective: 0, values: [3, 0, 1, 2] },
  },
  {
    name: 'assignment 4×4 (LP)',
    build: () => assignmentModel(ASSIGN4, 'continuous'),
    expected: { status: 'optimal', objective: assignmentBest(ASSIGN4) },
  },
  {
    name: 'assignment 6×6 (binaries)',
    build: () => assignmentModel(ASSIGN6, 'binary'),
    expected: { status: 'optimal', objective: assignmentBest(ASSIGN6) },
  },
  {
    name: 'set cover',
    build() {
      const m = new Model();
      const vars = SET_COVER.sets.map((s) => m.addVariable({ type: 'binary', objective: s.cost }));
      for (let e = 0; e < SET_COVER.elements; e++) {
        const covering = SET_COVER.sets.flatMap((s, i) => (s.members.includes(e) ? [[vars[i]!, 1] as const] : []));
        row(m, covering, '>=', 1);
      }
      return m;
    },
    expected: { status: 'optimal', objective: setCoverBest() },
  },
  {
    name: 'min-cost network flow',
    // ship 9 units 0 → 5 over capacitated arcs; the cheap paths saturate, so the optimum splits
    build() {
      const m = new Model();
      const flow = GRAPH.map(([, , cost, cap]) => m.addVariable({ ub: cap, objective: cost }));
      const supply = [9, 0, 0, 0, 0, -9];
      for (let v = 0; v < GRAPH_NODES; v++) {
        const terms = incidence(flow, v);
        row(m, terms, '=', supply[v]!);
      }
      return m;
    },
    expected: { status: 'optimal', objective: minCostFlowBest() },
  },
  {
    name: 'max flow',
    build() {
      const m = new Model({ sense: 'maximize' });
      const flow = GRAPH.map(([, , , cap]) => m.addVariable({ ub: cap }));
      const value = m.addVariable({ objective: 1 });
      for (let v = 0; v < GRAPH_NODES; v++) {
        const terms = incidence(flow, v);
        if (v === 0) row(m, [...terms, [value, -1]], '=', 0);
        else if (v === GRAPH_NODES - 1) row(m, [...terms, [value, 1]], '=', 0);
        else row(m, terms, '=', 0);
      }
      return m;
    },
    expected: { status: 'optimal', objective: minCut(0, GRAPH_NODES - 1) },
  },
  {
    name: 'shortest path as an LP',
    build() {
      const m = new Model();
      const flow = GRAPH.map(([, , cost]) => m.addVariable({ objective: cost }));
      const supply = [1, 0, 0, 0, 0, -1];
      for (let v = 0; v < GRAPH_NODES; v++) {
        const terms = incidence(flow, v);
        row(m, terms, '=', supply[v]!);
      }
      return m;
    },
    expected: { status: 'optimal', objective: dijkstra(0, GRAPH_NODES - 1) },
  },
  {
    name: 'transportation',
    build() {
      const m = new Model();
      const { supply, demand } = TRANSPORT;
      const x = supply.map((_, i) => demand.map((_, j) => m.addVariable({ objective: transportCost(i, j) })));
      supply.forEach((s, i) => row(m, x[i]!.map((v) => [v, 1] as const), '<=', s));
      demand.forEach((d, j) => row(m, x.map((r) => [r[j]!, 1] as const), '>=', d));
      return m;
    },
    expected: { status: 'optimal', objective: northwestCorner() },
  },
  {
    name: 'facility location',
    build() {
      const m = new Model();
      const open = FACILITY.open.map((c) => m.addVariable({ type: 'binary', objective: c }));
      const customers = FACILITY.serve[0]!.length;
      const assign = FACILITY.serve.map((r) => r.map((c) => m.addVariable({ ub: 1, objective: c })));
      for (let c = 0; c < customers; c++) row(m, assign.map((r) => [r[c]!, 1] as const), '=', 1);
      assign.forEach((r, f) => r.forEach((a) => row(m, [[a, 1], [open[f]!, -1]], '<=', 0)));
      return m;
    },
    expected: { status: 'optimal', objective: facilityBest() },
  },
  {
    name: 'fixed binaries and fixed continuous variables',
    // x binary fixed to 1, y ∈ [2, 2], z binary; min −3x + y + z with x + z ≥ 1 → 1·(−3) + 2 + 0 = −1
    build() {
      const m = new Model();
      const x = m.addVariable({ type: 'binary', lb: 1, objective: -3 });
      m.addVariable({ lb: 2, ub: 2, objective: 1 });
      const z = m.addVariable({ type: 'binary', objective: 1 });
      row(m, [[x, 1], [z, 1]], '>=', 1);
      return m;
    },
    expected: { status: 'optimal', objective: -1, values: [1, 2, 0] },
  },
  {
    name: 'a model with an empty constraint and a variable in no row',
    // rows: (empty) ≤ 5, x ≥ 2; w ∈ [1, 4] appears only in the objective; min x − w → 2 − 4 = −2
    build() {
      const m = new Model();
      const x = m.addVariable({ objective: 1 });
      m.addVariable({ lb: 1, ub: 4, objective: -1 });
      m.addConstraint([], [], '<=', 5);
      row(m, [[x, 1]], '>=', 2);
      return m;
    },
    expected: { status: 'optimal', objective: -2, values: [2, 4] },
  },
  {
    name: 'empty model: only the objective constant',
    build() {
      const m = new Model();
      m.objectiveConstant = 7.5;
      return m;
    },
    expected: { status: 'optimal', objective: 7.5, values: [] },
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
    name: 'infeasible MILP with a feasible LP relaxation',
    // 2x + 2y = 3 has no integer solution; the relaxation (x + y = 1.5) is feasible
    build() {
      const m = new Model();
      const x = m.addVariable({ type: 'integer', ub: 10, objective: 1 });
      const y = m.addVariable({ type: 'integer', ub: 10, objective: 1 });
      row(m, [[x, 2], [y, 2]], '=', 3);
      return m;
    },
    expected: { status: 'infeasible' },
    relaxedObjective: 1.5,
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
    name: 'unbounded MILP',
    // max x + y, x integer, y continuous, x − y ≤ 1, y − 2x ≤ 3: feasible and unbounded
    build() {
      const m = new Model({ sense: 'maximize' });
      const x = m.addVariable({ type: 'integer', objective: 1 });
      const y = m.addVariable({ objective: 1 });
      row(m, [[x, 1], [y, -1]], '<=', 1);
      row(m, [[y, 1], [x, -2]], '<=', 3);
      return m;
    },
    expected: { status: 'unbounded' },
  },
  {
    name: 'unbounded below with a free variable and an upper bound only',
    build() {
      const m = new Model();
      const x = m.addVariable({ lb: -Infinity, ub: -3, objective: 1 });
      const y = m.addVariable({ lb: -Infinity, objective: 0 });
      row(m, [[x, 1], [y, 1]], '<=', 10);
      return m;
    },
    expected: { status: 'unbounded' },
  },
];

