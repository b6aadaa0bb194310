import fc from 'fast-check';
import type { Graph, GraphNode } from '../src/index.js';
import { lastUse, linearChain, peakLiveBytes, toTopoGraph } from '../src/index.js';

function node(id: number, outputBytes = 1): GraphNode {
  return { id, name: `n${id}`, kind: 'forward', cost: 1, outputBytes, paramBytes: 0 };
}

function graphOf(
  ids: number[],
  edges: [number, number][],
  bytes: Record<number, number> = {},
): Graph {
  return {
    name: 'g',
    nodes: ids.map((id) => node(id, bytes[id] ?? 1)),
    edges: edges.map(([source, target]) => ({ source, target })),
  };
}

describe('toTopoGraph', () => {
  it('orders nodes whose ids are not topological, smallest ready id first', () => {
    // 30 → 10 → 20, and 5 feeds 20: ready at start are 5 and 30.
    const topo = toTopoGraph(
      graphOf(
        [10, 20, 30, 5],
        [
          [30, 10],
          [10, 20],
          [5, 20],
        ],
      ),
    );
    expect(topo.nodes.map((n) => n.id)).toEqual([5, 30, 10, 20]);
    expect([...topo.indexOf.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [5, 0],
      [10, 2],
      [20, 3],
      [30, 1],
    ]);
    expect(topo.edges).toEqual([
      [1, 2],
      [0, 3],
      [2, 3],
    ]);
    expect(topo.preds).toEqual([[], [], [1], [0, 2]]);
    expect(topo.succs).toEqual([[3], [2], [3], []]);
  });

  it('keeps the id order when it is already topological, whatever the listing order', () => {
    const topo = toTopoGraph(
      graphOf(
        [3, 1, 2, 0],
        [
          [0, 2],
          [1, 2],
          [2, 3],
          [0, 3],
        ],
      ),
    );
    expect(topo.nodes.map((n) => n.id)).toEqual([0, 1, 2, 3]);
  });

  it('fills the typed arrays in topological order', () => {
    const graph: Graph = {
      name: 'g',
      nodes: [
        { id: 1, name: 'b', kind: 'forward', cost: 2, outputBytes: 20, paramBytes: 200 },
        { id: 0, name: 'a', kind: 'forward', cost: 1, outputBytes: 10, paramBytes: 100 },
      ],
      edges: [{ source: 0, target: 1 }],
    };
    const topo = toTopoGraph(graph);
    expect([...topo.cost]).toEqual([1, 2]);
    expect([...topo.outputBytes]).toEqual([10, 20]);
    expect([...topo.paramBytes]).toEqual([100, 200]);
  });

  it('property: random DAGs under any id relabelling keep every edge forward and the edge set', () => {
    const dag = fc.integer({ min: 1, max: 25 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        // Pairs a < b: edges along the index order, so the graph is acyclic by construction.
        pairs:
          n < 2
            ? fc.constant<[number, number][]>([])
            : fc.uniqueArray(
                fc
                  .tuple(fc.nat(n - 1), fc.nat(n - 1))
                  .filter(([a, b]) => a !== b)
                  .map(([a, b]): [number, number] => (a < b ? [a, b] : [b, a])),
                { selector: ([a, b]) => `${a},${b}`, maxLength: 60 },
              ),
        ids: fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: n, maxLength: n }),
      }),
    );
    fc.assert(
      fc.property(dag, ({ pairs, ids }) => {
        const graph = graphOf(
          ids,
          pairs.map(([a, b]) => [ids[a]!, ids[b]!]),
        );
        const topo = toTopoGraph(graph);
        expect(topo.size).toBe(ids.length);
        const mapped = new Set(
          topo.edges.map(([i, k]) => `${topo.nodes[i]!.id},${topo.nodes[k]!.id}`),
        );
        expect(mapped).toEqual(new Set(graph.edges.map((e) => `${e.source},${e.target}`)));
        // Every edge points forward; edges are sorted by target, then source.
        expect(topo.edges.every(([i, k]) => i < k)).toBe(true);
        const sorted = topo.edges.every(([i1, k1], e) => {
          const previous = topo.edges[e - 1];
          return (
            previous === undefined || previous[1] < k1 || (previous[1] === k1 && previous[0] < i1)
          );
        });
        expect(sorted).toBe(true);
        // With ids sorted ascending along a topological order, the id order is kept.
        const sortedIds = [...ids].sort((a, b) => a - b);
        const relabelled = graphOf(
          sortedIds,
          pairs.map(([a, b]) => [sortedIds[a]!, sortedIds[b]!]),
        );
        expect(toTopoGraph(relabelled).nodes.map((n) => n.id)).toEqual(sortedIds);
      }),
      { numRuns: 200 },
    );
  });
});

describe('liveness', () => {
  it('last use on a small graph, by hand', () => {
    // 0→1, 0→3, 1→2, 2→3; 4 is a lone node; 3 has no consumer.
    const topo = toTopoGraph(
      graphOf(
        [0, 1, 2, 3, 4],
        [
          [0, 1],
          [0, 3],
          [1, 2],
          [2, 3],
        ],
      ),
    );
    expect([...lastUse(topo)]).toEqual([3, 2, 3, 3, 4]);
  });

  it('peak live bytes, by hand', () => {
    // Bytes 8, 4, 2, 1, 16. Step 0: {0}=8. Step 1: {0,1}=12. Step 2: {0,1,2}=14, then 1 dies.
    // Step 3: {0,2,3}=11, then 0, 2, 3 die. Step 4: {4}=16.
    const topo = toTopoGraph(
      graphOf(
        [0, 1, 2, 3, 4],
        [
          [0, 1],
          [0, 3],
          [1, 2],
          [2, 3],
        ],
        { 0: 8, 1: 4, 2: 2, 3: 1, 4: 16 },
      ),
    );
    expect(peakLiveBytes(topo)).toBe(16);
    const withoutLone = toTopoGraph(
      graphOf(
        [0, 1, 2, 3],
        [
          [0, 1],
          [0, 3],
          [1, 2],
          [2, 3],
        ],
        { 0: 8, 1: 4, 2: 2, 3: 1 },
      ),
    );
    expect(peakLiveBytes(withoutLone)).toBe(14);
  });

  it('linear chain: forward values live until their backward twin', () => {
    const topo = toTopoGraph(linearChain(3));
    // 0..2 forward, 3 loss, 4..6 backward; forward i is last used by 6−i.
    expect([...lastUse(topo)]).toEqual([6, 5, 4, 4, 5, 6, 6]);
  });
});
