import { linearChain, toTopoGraph } from '@strata/graph';
import {
  chainPositions,
  revolvePlan,
  revolvePlanner,
  revolveTable,
} from '../src/baselines/revolve.js';
import { simulate } from '../src/simulator/index.js';
import { topoFixture } from './fixtures/topo.js';

/**
 * Exhaustive search over Griewank's machine: one working value, at most `slots` stored values,
 * the input always available. Moves: advance (cost 1), store, drop, restore a stored value, reverse
 * the working position when it is the next to reverse. Dijkstra over every reachable state.
 */
function bruteForceForwardSteps(positions: number, slots: number): number {
  type State = { stored: number; current: number; next: number };
  const key = (s: State) => `${s.stored}:${s.current}:${s.next}`;
  const best = new Map<string, number>();
  const frontier: [number, State][] = [[0, { stored: 0, current: -1, next: positions - 1 }]];
  const popcount = (x: number) => x.toString(2).replaceAll('0', '').length;
  while (frontier.length > 0) {
    frontier.sort((a, b) => a[0] - b[0]);
    const [cost, state] = frontier.shift()!;
    if (state.next < 0) return cost;
    if ((best.get(key(state)) ?? Infinity) < cost) continue;
    const moves: [number, State][] = [];
    if (state.current < state.next)
      moves.push([cost + 1, { ...state, current: state.current + 1 }]);
    if (state.current === state.next) moves.push([cost, { ...state, next: state.next - 1 }]);
    if (state.current >= 0 && popcount(state.stored) < slots) {
      moves.push([cost, { ...state, stored: state.stored | (1 << state.current) }]);
    }
    for (let z = -1; z < positions; z += 1) {
      if (z >= 0 && !(state.stored & (1 << z))) continue;
      if (z <= state.next) moves.push([cost, { ...state, current: z }]);
      if (z >= 0) moves.push([cost, { ...state, stored: state.stored & ~(1 << z) }]);
    }
    for (const [c, s] of moves) {
      if (c < (best.get(key(s)) ?? Infinity)) {
        best.set(key(s), c);
        frontier.push([c, s]);
      }
    }
  }
  throw new Error('unreachable');
}

/** Griewank's closed form for l steps and c snapshots: r·l − C(c+r, c+1), r least with C(c+r, c) ≥ l. */
function griewankClosedForm(steps: number, snapshots: number): number {
  const binomial = (n: number, k: number) => {
    let value = 1;
    for (let i = 1; i <= k; i += 1) value = (value * (n - k + i)) / i;
    return Math.round(value);
  };
  let r = 0;
  while (binomial(snapshots + r, snapshots) < steps) r += 1;
  return r * steps - binomial(snapshots + r, snapshots + 1);
}

describe('revolve is optimal for chains', () => {
  it('matches an exhaustive search over schedules and Griewank closed form', () => {
    const table = revolveTable(7, 4);
    for (let positions = 1; positions <= 7; positions += 1) {
      for (let slots = 0; slots <= 3; slots += 1) {
        const steps = table.forwardSteps[positions]![slots]!;
        expect(steps).toBe(bruteForceForwardSteps(positions, slots));
        // Positions above the input are Griewank's steps minus one; the input takes a snapshot.
        expect(steps).toBe(griewankClosedForm(positions + 1, slots + 1));
      }
    }
  });

  it('builds stage plans whose recomputation is exactly the optimal count', () => {
    for (const n of [1, 2, 5, 8]) {
      const topo = toTopoGraph(linearChain(n));
      const table = revolveTable(n, n);
      for (let slots = 0; slots < n; slots += 1) {
        const plan = revolvePlan(topo, slots, table)!;
        const result = simulate(topo, plan);
        expect(result.valid).toBe(true);
        // Unit costs: every forward computation plus loss and n backward nodes once each.
        expect(result.cost).toBe(table.forwardSteps[n]![slots]! + n + 1);
      }
    }
  });

  it('uses less memory with fewer slots and picks the cheapest plan under the budget', async () => {
    const topo = toTopoGraph(linearChain(12));
    const peaks = [0, 2, 11].map((s) => simulate(topo, revolvePlan(topo, s)!).peakBytes);
    expect(peaks[0]).toBeLessThan(peaks[2]!);
    const tight = await revolvePlanner(topo, peaks[0]!, {});
    expect(tight.plan).not.toBeNull();
    expect(simulate(topo, tight.plan!).peakBytes).toBeLessThanOrEqual(peaks[0]!);
    const roomy = await revolvePlanner(topo, peaks[2]!, {});
    expect(simulate(topo, roomy.plan!).cost).toBeLessThan(simulate(topo, tight.plan!).cost);
    const tooSmall = await revolvePlanner(topo, 1, {});
    expect(tooSmall).toMatchObject({ plan: null, status: 'over-budget' });
  });

  it('is not applicable to a graph whose forward pass branches', async () => {
    const diamond = topoFixture(
      [
        [0, 1],
        [0, 2],
        [1, 3],
        [2, 3],
      ],
      [1, 1, 1, 1],
      [1, 1, 1, 1],
    );
    expect(chainPositions(diamond)).toBeNull();
    expect(await revolvePlanner(diamond, 100, {})).toMatchObject({
      plan: null,
      status: 'not-applicable',
    });
  });
});
