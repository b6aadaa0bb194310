import fc from 'fast-check';
import type { Graph, GraphNode, NodeKind, TopoGraph } from '../src/index.js';
import { articulationPoints, linearChain, loadGraphFile, toTopoGraph } from '../src/index.js';
import { join } from 'node:path';
import { itWithSharedData } from '@strata/cli/testing';
import { checkmateGraphsDir } from './shared-data.js';

function graphOf(kinds: NodeKind[], edges: [number, number][]): Graph {
  const nodes = kinds.map((kind, id): GraphNode => ({
    id,
    name: `n${id}`,
    kind,
    cost: 1,
    outputBytes: 1,
    paramBytes: 0,
  }));
  return { name: 'g', nodes, edges: edges.map(([source, target]) => ({ source, target })) };
}

/**
 * Independent check by definition: remove each forward node from the undirected forward graph
 * (plus a virtual input on the first forward node and output on the last one with an edge) and
 * see whether the number of connected components grows.
 */
function bruteForce(topo: TopoGraph): number[] {
  const forward = new Set(topo.nodes.flatMap((node, i) => (node.kind === 'forward' ? [i] : [])));
  if (forward.size === 0) return [];
  const edges = topo.edges
    .filter(([i, k]) => forward.has(i) && forward.has(k))
    .map(([i, k]): [number, number] => [i, k]);
  const first = Math.min(...forward);
  const last = Math.max(first, ...edges.flat());
  edges.push([-1, first], [last, -2]);
  const vertices = [...forward, -1, -2];
  const components = (removed: number | undefined) => {
    const seen = new Set<number>([...(removed === undefined ? [] : [removed])]);
    let count = 0;
    for (const start of vertices) {
      if (seen.has(start)) continue;
      // Isolated vertices (no edge at all) are not counted, as in the graph built from edges.
      if (!edges.some(([a, b]) => a === start || b === start)) continue;
      count += 1;
      const queue = [start];
      seen.add(start);
      while (queue.length > 0) {
        const v = queue.pop()!;
        for (const [a, b] of edges) {
          const w = a === v ? b : b === v ? a : undefined;
          if (w !== undefined && !seen.has(w)) {
            seen.add(w);
            queue.push(w);
          }
        }
      }
    }
    return count;
  };
  const base = components(undefined);
  return [...forward]
    .filter((v) => edges.some(([a, b]) => a === v || b === v) && components(v) > base)
    .sort((a, b) => a - b);
}

describe('articulationPoints', () => {
  it('a diamond: the fork and the join split the graph, the branches do not', () => {
    // 0 → {1, 2} → 3 → 4, then loss 5 and backward 6, 7.
    const topo = toTopoGraph(
      graphOf(
        ['forward', 'forward', 'forward', 'forward', 'forward', 'loss', 'backward', 'backward'],
        [
          [0, 1],
          [0, 2],
          [1, 3],
          [2, 3],
          [3, 4],
          [4, 5],
          [5, 6],
          [6, 7],
          [3, 6],
          [0, 7],
        ],
      ),
    );
    expect(articulationPoints(topo)).toEqual([0, 3, 4]);
    // Checkmate's count is of nodes, not components, so it reports every forward node.
    expect(articulationPoints(topo, { replicateCheckmate: true })).toEqual([0, 1, 2, 3, 4]);
  });

  it.each([1, 2, 3, 4, 5])(
    'linear chain n=%i: every forward node (Checkmate: none for n=1)',
    (n) => {
      const topo = toTopoGraph(linearChain(n));
      const forward = [...Array(n).keys()];
      expect(articulationPoints(topo)).toEqual(forward);
      expect(articulationPoints(topo, { replicateCheckmate: true })).toEqual(
        n === 1 ? [] : forward,
      );
    },
  );

  itWithSharedData('ResNet50: only the nodes between residual blocks', async () => {
    const topo = toTopoGraph(
      await loadGraphFile(join(checkmateGraphsDir, 'ResNet50_256_224x224_train_nx.json')),
    );
    const points = articulationPoints(topo);
    expect(points).toEqual(bruteForce(topo));
    expect(points.length).toBeLessThan(176);
    for (const i of points) expect(topo.nodes[i]!.kind).toBe('forward');
    // Each block's output (an "_out" add+relu) splits the graph; a conv inside a block does not.
    const names = points.map((i) => topo.nodes[i]!.name);
    expect(names).toContain('conv2_block1_out');
    expect(names).not.toContain('conv2_block1_1_conv');
  });

  it('property: agrees with removing each node and counting components', () => {
    const dag = fc.integer({ min: 2, max: 14 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        pairs: fc.uniqueArray(
          fc
            .tuple(fc.nat(n - 1), fc.nat(n - 1))
            .filter(([a, b]) => a !== b)
            .map(([a, b]): [number, number] => (a < b ? [a, b] : [b, a])),
          { selector: ([a, b]) => `${a},${b}`, maxLength: 30 },
        ),
        backwardFrom: fc.integer({ min: 1, max: n }),
      }),
    );
    fc.assert(
      fc.property(dag, ({ n, pairs, backwardFrom }) => {
        const kinds = Array.from({ length: n }, (_, i): NodeKind =>
          i < backwardFrom ? 'forward' : 'backward',
        );
        const topo = toTopoGraph(graphOf(kinds, pairs));
        expect(articulationPoints(topo)).toEqual(bruteForce(topo));
      }),
      { numRuns: 300 },
    );
  });
});
