import type { Graph, TopoGraph } from './types.js';
import { checkedTopologicalOrder } from './validate.js';

/**
 * Validates the graph and renumbers it in topological order (stable: node ids that are already a
 * topological order are kept), with the derived views planners index by topological position.
 */
export function toTopoGraph(graph: Graph, sourceName?: string): TopoGraph {
  const order = checkedTopologicalOrder(graph, sourceName ?? graph.name);
  const nodes = order.map((position) => graph.nodes[position]!);
  const size = nodes.length;
  const indexOf = new Map<number, number>(nodes.map((node, index) => [node.id, index]));
  const edges = graph.edges
    .map(({ source, target }): [number, number] => [indexOf.get(source)!, indexOf.get(target)!])
    .sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const preds: number[][] = nodes.map(() => []);
  const succs: number[][] = nodes.map(() => []);
  // Edges are sorted by target then source, so both lists come out ascending.
  for (const [i, k] of edges) {
    preds[k]!.push(i);
    succs[i]!.push(k);
  }
  return {
    graph,
    size,
    nodes,
    indexOf,
    cost: Float64Array.from(nodes, (node) => node.cost),
    outputBytes: Float64Array.from(nodes, (node) => node.outputBytes),
    paramBytes: Float64Array.from(nodes, (node) => node.paramBytes),
    preds,
    succs,
    edges,
  };
}
