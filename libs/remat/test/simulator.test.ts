import fc from 'fast-check';
import { simulate } from '../src/simulator/index.js';
import { solveROpt } from '../src/lp-round/r-opt.js';
import type { StagePlan } from '../src/plan-types.js';
import { matrix, topoFixture } from './fixtures/topo.js';

// Chain 0 → 1 → 2 with distinct sizes and costs, so every number below identifies its cause.
const chain = topoFixture(
  [
    [0, 1],
    [1, 2],
  ],
  [1, 10, 100],
  [1, 2, 4],
);

describe('simulate on hand-built plans', () => {
  it('keeps everything: peak and cost as computed by hand, frees only at the last use', () => {
    const plan: StagePlan = {
      R: matrix(3, [[0], [1], [2]]),
      S: matrix(3, [[], [0], [0, 1]]),
    };
    const result = simulate(chain, plan);
    expect(result.valid).toBe(true);
    // Stage 2: 1 + 2 retained, + 4 computed = 7; then input 1 freed (last stage, no later consumer).
    expect(result.peakBytes).toBe(7);
    expect(result.cost).toBe(111);
    expect(result.ops).toEqual([
      { op: 'compute', node: 0, stage: 0 },
      { op: 'compute', node: 1, stage: 1 },
      { op: 'compute', node: 2, stage: 2 },
      { op: 'free', node: 1, stage: 2 },
      { op: 'free', node: 0, stage: 2 },
      { op: 'free', node: 2, stage: 2 },
    ]);
  });

  it('recomputes a dropped value: cost counts every computation, frees follow FREE', () => {
    const plan: StagePlan = {
      R: matrix(3, [[0], [1], [0, 1, 2]]),
      S: matrix(3, [[], [0], []]),
    };
    const result = simulate(chain, plan);
    expect(result.valid).toBe(true);
    // Stage 1: 1 + 2 = 3. Stage 2: 1, 1+2 = 3, free 0 → 2, +4 = 6, free 1 → 4.
    expect(result.peakBytes).toBe(6);
    expect(result.cost).toBe(1 + 10 + (1 + 10 + 100));
    expect(result.ops).toEqual([
      { op: 'compute', node: 0, stage: 0 },
      { op: 'compute', node: 1, stage: 1 },
      { op: 'free', node: 0, stage: 1 },
      { op: 'free', node: 1, stage: 1 },
      { op: 'compute', node: 0, stage: 2 },
      { op: 'compute', node: 1, stage: 2 },
      { op: 'free', node: 0, stage: 2 },
      { op: 'compute', node: 2, stage: 2 },
      { op: 'free', node: 1, stage: 2 },
      { op: 'free', node: 2, stage: 2 },
    ]);
  });

  it('frees a value with two consumers only after the later one', () => {
    // Diamond 0 → {1, 2} → 3, sizes 1, 2, 4, 8; nothing retained, so stage 3 recomputes all.
    const diamond = topoFixture(
      [
        [0, 1],
        [0, 2],
        [1, 3],
        [2, 3],
      ],
      [1, 1, 1, 1],
      [1, 2, 4, 8],
    );
    const plan: StagePlan = {
      R: matrix(4, [[0], [0, 1], [0, 2], [0, 1, 2, 3]]),
      S: matrix(4, [[], [], [], []]),
    };
    const result = simulate(diamond, plan);
    expect(result.valid).toBe(true);
    // Stage 3: 1, 3 (0 kept for 2), 7, free 0 → 6, +8 = 14, free 1 and 2.
    expect(result.peakBytes).toBe(14);
    expect(result.cost).toBe(1 + 2 + 2 + 4);
    const stage3 = result.ops.filter((op) => op.stage === 3);
    expect(stage3).toEqual([
      { op: 'compute', node: 0, stage: 3 },
      { op: 'compute', node: 1, stage: 3 },
      { op: 'compute', node: 2, stage: 3 },
      { op: 'free', node: 0, stage: 3 },
      { op: 'compute', node: 3, stage: 3 },
      { op: 'free', node: 1, stage: 3 },
      { op: 'free', node: 2, stage: 3 },
      { op: 'free', node: 3, stage: 3 },
    ]);
  });

  it('counts a retained value that is also recomputed twice, as the MILP U does', () => {
    const pair = topoFixture([[0, 1]], [1, 1], [1, 2]);
    const plan: StagePlan = { R: matrix(2, [[0], [0, 1]]), S: matrix(2, [[], [0]]) };
    const result = simulate(pair, plan);
    expect(result.valid).toBe(true);
    expect(result.peakBytes).toBe(1 + 1 + 2);
  });
});

describe('simulate rejects invalid plans', () => {
  it('an input that is not resident', () => {
    const plan: StagePlan = { R: matrix(3, [[0], [1], [1, 2]]), S: matrix(3, [[], [0], []]) };
    const result = simulate(chain, plan);
    expect(result.valid).toBe(false);
    expect(result.error).toBe('stage 2 computes node 1 but its input 0 is not resident');
  });

  it('a retained value that was not resident in the stage before', () => {
    const plan: StagePlan = { R: matrix(3, [[0], [1], [2]]), S: matrix(3, [[], [], [0, 1]]) };
    const result = simulate(chain, plan);
    expect(result.valid).toBe(false);
    expect(result.error).toMatch(/stage 2 retains node 0/);
  });

  it('plans that break the stage partition', () => {
    const missingFrontier = { R: matrix(3, [[0], [0], [0, 1, 2]]), S: matrix(3, [[], [], []]) };
    expect(simulate(chain, missingFrontier).error).toMatch(/does not compute node 1/);
    const pastFrontier = { R: matrix(3, [[0, 1], [1], [2]]), S: matrix(3, [[], [0, 1], [0, 1]]) };
    expect(simulate(chain, pastFrontier).error).toMatch(/past its frontier/);
    const retainsFuture = { R: matrix(3, [[0], [1], [2]]), S: matrix(3, [[], [0, 1], [0, 1]]) };
    expect(simulate(chain, retainsFuture).error).toMatch(/stage 1 retains node 1/);
    const wrongSize = { R: matrix(3, [[0], [1]]), S: matrix(3, [[], [0]]) };
    expect(simulate(chain, wrongSize).valid).toBe(false);
  });
});

/**
 * Cross-check against the MILP's recurrence written literally: U[t,0] = M_0·R[t,0] + Σ M_i·S[t,i];
 * U[t,k+1] = U[t,k] + M_{k+1}·R[t,k+1] − Σ_{(i,k)} M_i·FREE[t,(i,k)]; FREE from the hazard count.
 */
function recurrencePeak(topo: ReturnType<typeof topoFixture>, plan: StagePlan): number {
  const n = topo.size;
  const M = (i: number) => topo.outputBytes[i] ?? 0;
  let peak = 0;
  for (let t = 0; t < n; t += 1) {
    const R = plan.R[t]!;
    const S = plan.S[t]!;
    let u = M(0) * R[0]!;
    for (let i = 0; i < n; i += 1) u += M(i) * S[i]!;
    peak = Math.max(peak, u);
    for (let k = 0; k + 1 < n; k += 1) {
      let freed = 0;
      for (const i of topo.preds[k]!) {
        const later = topo.succs[i]!.filter((j) => j > k).reduce((sum, j) => sum + R[j]!, 0);
        const hazards = 1 - R[k]! + (t + 1 < n ? plan.S[t + 1]![i]! : 0) + later;
        if (hazards === 0) freed += M(i);
      }
      u = u + M(k + 1) * R[k + 1]! - freed;
      peak = Math.max(peak, u);
    }
  }
  return peak;
}

describe('simulate agrees with the MILP memory recurrence', () => {
  it('on random DAGs with random checkpoints and the least R for them', () => {
    const graphArb = fc.integer({ min: 2, max: 9 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edgeBits: fc.array(fc.boolean(), {
          minLength: (n * (n - 1)) / 2,
          maxLength: (n * (n - 1)) / 2,
        }),
        bytes: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: n, maxLength: n }),
        keepBits: fc.array(fc.boolean(), { minLength: n * n, maxLength: n * n }),
      }),
    );
    fc.assert(
      fc.property(graphArb, ({ n, edgeBits, bytes, keepBits }) => {
        const edges: [number, number][] = [];
        let b = 0;
        for (let k = 1; k < n; k += 1) {
          for (let i = 0; i < k; i += 1) if (edgeBits[b++]) edges.push([i, k]);
        }
        // Keep the graph connected along the topological order so every stage has work.
        for (let k = 1; k < n; k += 1) if (!edges.some(([, j]) => j === k)) edges.push([k - 1, k]);
        const topo = topoFixture(edges, new Array<number>(n).fill(1), bytes);
        const S = Array.from({ length: n }, (_, t) => {
          const row = new Uint8Array(n);
          for (let i = 0; i < t; i += 1) row[i] = keepBits[t * n + i] ? 1 : 0;
          return row;
        });
        const plan = { R: solveROpt(topo, S), S };
        const result = simulate(topo, plan);
        expect(result.valid).toBe(true);
        expect(result.peakBytes).toBe(recurrencePeak(topo, plan));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
