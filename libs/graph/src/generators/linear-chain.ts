import { GraphError } from '../errors.js';
import type { Graph, GraphEdge, GraphNode } from '../types.js';
import { validateGraph } from '../validate.js';

export interface LinearChainOptions {
  /** Compute cost of every node (default 1, as in Checkmate). */
  cost?: number;
  /** Output bytes of every node (default 1, as in Checkmate). */
  bytes?: number;
}

/**
 * Checkmate's linear training graph (`gen_linear_graph`): forward nodes 0..n−1, the loss node n,
 * backward nodes n+1..2n, the chain i→i+1, and from each forward node i an edge to its backward
 * twin 2n−i. Names: `fwd<i>`, `loss`, and `bwd<i>` for the twin of forward node i.
 */
export function linearChain(n: number, options: LinearChainOptions = {}): Graph {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new GraphError(
      `linear chain: forward node count ${n} is not a whole number ≥ 1: give n ≥ 1`,
    );
  }
  const cost = options.cost ?? 1;
  const bytes = options.bytes ?? 1;
  const nodes: GraphNode[] = [];
  for (let id = 0; id <= 2 * n; id += 1) {
    const kind = id < n ? 'forward' : id === n ? 'loss' : 'backward';
    const name = id < n ? `fwd${id}` : id === n ? 'loss' : `bwd${2 * n - id}`;
    nodes.push({ id, name, kind, cost, outputBytes: bytes, paramBytes: 0 });
  }
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  const add = (source: number, target: number) => {
    const key = `${source}→${target}`;
    if (seen.has(key)) return;
    seen.add(key);
    edges.push({ source, target });
  };
  // Checkmate's loop: for i in 0..2n−1 the chain edge, and for forward i also the twin edge.
  for (let i = 0; i < 2 * n; i += 1) {
    add(i, i + 1);
    if (i < n) add(i, 2 * n - i);
  }
  const graph: Graph = { name: `linear_chain_n${n}`, nodes, edges };
  validateGraph(graph, 'linear chain');
  return graph;
}
