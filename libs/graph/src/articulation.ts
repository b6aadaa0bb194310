import type { TopoGraph } from './types.js';

export interface ArticulationOptions {
  /**
   * Reproduce Checkmate's `DFGraph.articulation_points` result exactly, quirk included: it counts
   * components with `len(list(connected_components(...)))`, which counts the inner generators, i.e.
   * the nodes left, not the components. So every forward node whose removal leaves two or more
   * nodes with an edge is reported. Use only to match Checkmate's published Chen baselines.
   */
  replicateCheckmate?: boolean;
}

/**
 * The forward graph as Checkmate restricts it for Chen's non-linear strategy: the edges into forward
 * nodes (between forward nodes), made undirected, with a virtual input joined to the first forward
 * node and a virtual output joined to the last forward node that has an edge.
 * Vertices 0..size−1 are topological indices; `size` is the input and `size + 1` the output.
 */
function forwardUndirected(
  topo: TopoGraph,
): { adjacency: number[][]; edges: [number, number][] } | undefined {
  const isForward = topo.nodes.map((node) => node.kind === 'forward');
  const edges: [number, number][] = topo.edges
    .filter(([i, k]) => isForward[k] && isForward[i])
    .map(([i, k]) => [i, k]);
  const first = isForward.indexOf(true);
  if (first === -1) return undefined;
  let last = first;
  for (const [i, k] of edges) last = Math.max(last, i, k);
  const input = topo.size;
  const output = topo.size + 1;
  edges.push([input, first], [last, output]);
  const adjacency: number[][] = Array.from({ length: topo.size + 2 }, () => []);
  for (const [a, b] of edges) {
    adjacency[a]!.push(b);
    adjacency[b]!.push(a);
  }
  return { adjacency, edges };
}

/** Cut vertices of an undirected graph (Tarjan's low-link), iteratively so deep graphs cannot overflow. */
function cutVertices(adjacency: readonly (readonly number[])[]): Set<number> {
  const n = adjacency.length;
  const discovered = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const cuts = new Set<number>();
  let clock = 0;
  for (let root = 0; root < n; root += 1) {
    if (discovered[root] !== -1 || adjacency[root]!.length === 0) continue;
    discovered[root] = low[root] = clock++;
    let rootChildren = 0;
    // Stack frames: [vertex, parent, next neighbour position].
    const stack: [number, number, number][] = [[root, -1, 0]];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const [v, parent, next] = frame;
      const neighbours = adjacency[v]!;
      if (next < neighbours.length) {
        frame[2] = next + 1;
        const w = neighbours[next]!;
        if (discovered[w] === -1) {
          discovered[w] = low[w] = clock++;
          if (v === root) rootChildren += 1;
          stack.push([w, v, 0]);
        } else if (w !== parent) {
          low[v] = Math.min(low[v]!, discovered[w]!);
        }
        continue;
      }
      stack.pop();
      if (parent !== -1) {
        low[parent] = Math.min(low[parent]!, low[v]!);
        if (parent !== root && low[v]! >= discovered[parent]!) cuts.add(parent);
      }
    }
    if (rootChildren > 1) cuts.add(root);
  }
  return cuts;
}

/** Checkmate's counting, quirk included (see ArticulationOptions.replicateCheckmate). */
function checkmateCount(edges: readonly [number, number][], input: number): number[] {
  const vertices = new Set<number>();
  for (const [a, b] of edges.slice(0, -2)) vertices.add(a).add(b);
  const points: number[] = [];
  for (const v of vertices) {
    if (v >= input) continue;
    const left = new Set<number>();
    for (const [a, b] of edges) if (a !== v && b !== v) left.add(a).add(b);
    if (left.size > 1) points.push(v);
  }
  return points;
}

/**
 * Forward nodes that split the forward graph in two (topological indices, ascending): the
 * checkpoint candidates of Chen's strategy on non-linear graphs. On a chain every forward node is
 * one; a node inside a residual block is not, the nodes where branches meet are.
 */
export function articulationPoints(topo: TopoGraph, options: ArticulationOptions = {}): number[] {
  const forward = forwardUndirected(topo);
  if (forward === undefined) return [];
  const points = options.replicateCheckmate
    ? checkmateCount(forward.edges, topo.size)
    : [...cutVertices(forward.adjacency)].filter((v) => v < topo.size);
  return points.sort((a, b) => a - b);
}
