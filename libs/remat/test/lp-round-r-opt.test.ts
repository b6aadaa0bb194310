import type { TopoGraph } from '@strata/graph';
import { topoFixture } from './fixtures/topo.js';
import { solveROpt } from '../src/lp-round/r-opt.js';

/** Unit costs and sizes: only preds/succs matter to solveROpt. */
function topoOf(n: number, edges: readonly (readonly [number, number])[]): TopoGraph {
  return topoFixture(edges, new Array<number>(n).fill(1), new Array<number>(n).fill(1));
}

const chainEdges = (n: number) => Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as const);

function matrix(n: number, fill: (t: number, i: number) => boolean): Uint8Array[] {
  return Array.from({ length: n }, (_, t) =>
    Uint8Array.from({ length: n }, (_, i) => (fill(t, i) ? 1 : 0)),
  );
}

/** The MILP's correctness constraints (partition, S[t+1] ≤ S[t]+R[t], R[t,k] ≤ R[t,i]+S[t,i]). */
function violations(topo: TopoGraph, R: readonly Uint8Array[], S: readonly Uint8Array[]): string[] {
  const n = topo.size;
  const found: string[] = [];
  for (let t = 0; t < n; t++) {
    if (R[t]![t] !== 1) found.push(`R[${t}][${t}] = 0`);
    for (let i = t + 1; i < n; i++) if (R[t]![i]) found.push(`R[${t}][${i}] beyond the frontier`);
    if (t + 1 < n)
      for (let i = 0; i < n; i++)
        if (S[t + 1]![i]! > S[t]![i]! + R[t]![i]!) found.push(`S[${t + 1}][${i}] unsupported`);
    for (const [i, k] of topo.edges)
      if (R[t]![k]! > R[t]![i]! + S[t]![i]!) found.push(`input ${i} of ${k} missing in stage ${t}`);
  }
  return found;
}

/** A small deterministic PRNG so the property test is reproducible. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('solveROpt', () => {
  test('checkpoint-all S needs no recomputation: R is the identity', () => {
    const topo = topoOf(6, chainEdges(6));
    const S = matrix(6, (t, i) => i < t);
    const R = solveROpt(topo, S);
    expect(R.map((row) => Array.from(row))).toEqual(
      matrix(6, (t, i) => t === i).map((row) => Array.from(row)),
    );
  });

  test('with nothing kept, each stage recomputes the whole prefix of a chain', () => {
    const topo = topoOf(5, chainEdges(5));
    const R = solveROpt(
      topo,
      matrix(5, () => false),
    );
    expect(R.map((row) => Array.from(row))).toEqual(
      matrix(5, (t, i) => i <= t).map((row) => Array.from(row)),
    );
  });

  test('a checkpoint stops the recomputation and is produced in the stage before it appears', () => {
    // Diamond 0→1, 0→2, 1→3, 2→3, then 3→4; S keeps 1 from stage 3 on and nothing else.
    const topo = topoOf(5, [
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
      [3, 4],
    ]);
    const S = matrix(5, (t, i) => i === 1 && t >= 3);
    const R = solveROpt(topo, S);
    expect(Array.from(R[2]!)).toEqual([1, 1, 1, 0, 0]); // 1 recomputed to enter stage 3 resident
    expect(Array.from(R[3]!)).toEqual([1, 0, 1, 1, 0]); // 2 and its input 0, not 1
    expect(Array.from(R[4]!)).toEqual([1, 0, 1, 1, 1]);
    expect(violations(topo, R, S)).toEqual([]);
  });

  test('on random DAGs and random S it satisfies every constraint and computes nothing removable', () => {
    const random = lcg(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 3 + Math.floor(random() * 10);
      const edges: [number, number][] = [];
      for (let k = 1; k < n; k++) {
        edges.push([k - 1, k]);
        for (let i = 0; i < k - 1; i++) if (random() < 0.2) edges.push([i, k]);
      }
      const topo = topoOf(n, edges);
      const S = matrix(n, (t, i) => i < t && random() < 0.4);
      const R = solveROpt(topo, S);
      expect(violations(topo, R, S)).toEqual([]);
      // Minimality: dropping any recomputation (i ≠ t) must break a constraint.
      for (let t = 0; t < n; t++) {
        for (let i = 0; i < t; i++) {
          if (!R[t]![i]) continue;
          R[t]![i] = 0;
          expect(violations(topo, R, S).length).toBeGreaterThan(0);
          R[t]![i] = 1;
        }
      }
    }
  });

  test('rejects an S of the wrong shape', () => {
    const topo = topoOf(3, chainEdges(3));
    expect(() =>
      solveROpt(
        topo,
        matrix(2, () => false),
      ),
    ).toThrow(/S has 2 rows/);
  });
});
