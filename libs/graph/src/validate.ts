import { GraphError } from './errors.js';
import { MinHeap } from './min-heap.js';
import type { Graph, GraphNode } from './types.js';

const KINDS: ReadonlySet<string> = new Set(['forward', 'backward', 'loss']);
const MEASURES = ['cost', 'outputBytes', 'paramBytes'] as const;

function label(node: GraphNode): string {
  return node.name === String(node.id)
    ? `node ${node.id}`
    : `node ${node.id} (${JSON.stringify(node.name)})`;
}

function checkNodes(graph: Graph, source: string): Map<number, number> {
  if (graph.nodes.length === 0) {
    throw new GraphError(`${source}: the graph has no nodes: a graph needs at least one node`);
  }
  const positionOf = new Map<number, number>();
  graph.nodes.forEach((node, position) => {
    if (!Number.isSafeInteger(node.id)) {
      throw new GraphError(
        `${source}: node id ${node.id} is not an integer: give every node an integer id`,
      );
    }
    if (!KINDS.has(node.kind)) {
      throw new GraphError(
        `${source}: ${label(node)} has kind ${JSON.stringify(node.kind)}: use forward, backward or loss`,
      );
    }
    for (const measure of MEASURES) {
      const value = node[measure];
      if (!Number.isFinite(value) || value < 0) {
        throw new GraphError(
          `${source}: ${label(node)} has ${measure} ${value}: costs and sizes must be finite numbers ≥ 0`,
        );
      }
    }
    const earlier = positionOf.get(node.id);
    if (earlier !== undefined) {
      const other = graph.nodes[earlier]!;
      throw new GraphError(
        `${source}: node id ${node.id} is used twice (${JSON.stringify(other.name)} and ${JSON.stringify(node.name)}): give every node its own id`,
      );
    }
    positionOf.set(node.id, position);
  });
  return positionOf;
}

/** Successor lists by node position, after checking that every edge joins two listed nodes once. */
function checkEdges(
  graph: Graph,
  positionOf: ReadonlyMap<number, number>,
  source: string,
): number[][] {
  const succs: number[][] = graph.nodes.map(() => []);
  const seen = new Set<string>();
  for (const { source: from, target: to } of graph.edges) {
    const arrow = `${from}→${to}`;
    for (const end of [from, to]) {
      if (!positionOf.has(end)) {
        throw new GraphError(
          `${source}: edge ${arrow} names node ${end}, which does not exist: every edge must join two listed nodes`,
        );
      }
    }
    if (from === to) {
      throw new GraphError(
        `${source}: edge ${arrow} joins node ${from} to itself: a node cannot consume its own output`,
      );
    }
    // A repeated edge is an error, not merged: node-link graphs are simple digraphs, so a repeat
    // means a broken export, and merging it silently would change the edge count planners report.
    if (seen.has(arrow))
      throw new GraphError(`${source}: edge ${arrow} is listed twice: list each edge once`);
    seen.add(arrow);
    succs[positionOf.get(from)!]!.push(positionOf.get(to)!);
  }
  return succs;
}

/** A cycle among the nodes Kahn's sort could not place (each has an unplaced predecessor). */
function findCycle(graph: Graph, succs: readonly number[][], placed: readonly boolean[]): number[] {
  const predOf = new Map<number, number>();
  succs.forEach((targets, from) => {
    if (placed[from]) return;
    for (const to of targets) if (!placed[to]) predOf.set(to, from);
  });
  // Walking predecessors from any unplaced node must repeat a node: that node is on a cycle.
  let at = [...predOf.keys()][0]!;
  const visited = new Set<number>();
  while (!visited.has(at)) {
    visited.add(at);
    at = predOf.get(at)!;
  }
  const cycle = [at];
  for (let next = predOf.get(at)!; next !== at; next = predOf.get(next)!) cycle.push(next);
  return cycle.reverse().map((position) => graph.nodes[position]!.id);
}

/**
 * Checks the graph and returns node positions (indices into graph.nodes) in topological order.
 * The order is Kahn's with the smallest id first among ready nodes, so ids that already form a
 * topological order (Checkmate numbers its graphs that way) are kept as they are.
 */
export function checkedTopologicalOrder(graph: Graph, source: string = graph.name): number[] {
  const positionOf = checkNodes(graph, source);
  const succs = checkEdges(graph, positionOf, source);
  const indegree = new Array<number>(graph.nodes.length).fill(0);
  for (const targets of succs) for (const to of targets) indegree[to]! += 1;
  const ready = new MinHeap((position) => graph.nodes[position]!.id);
  indegree.forEach((degree, position) => {
    if (degree === 0) ready.push(position);
  });
  const order: number[] = [];
  const placed = new Array<boolean>(graph.nodes.length).fill(false);
  for (let position = ready.pop(); position !== undefined; position = ready.pop()) {
    order.push(position);
    placed[position] = true;
    for (const to of succs[position]!) {
      indegree[to]! -= 1;
      if (indegree[to] === 0) ready.push(to);
    }
  }
  if (order.length < graph.nodes.length) {
    const cycle = findCycle(graph, succs, placed);
    throw new GraphError(
      `${source}: node ${cycle[0]} is on a cycle (${[...cycle, cycle[0]].join('→')}): a computation graph must be acyclic, so remove one of these edges`,
    );
  }
  return order;
}

/**
 * Throws a one-line GraphError naming the node or edge at fault: no nodes, a non-integer or
 * repeated id, an unknown kind, a negative or non-finite cost or size, an edge to a missing node,
 * a self-loop, a repeated edge (an error: see checkEdges), or a cycle (naming a node on it).
 */
export function validateGraph(graph: Graph, sourceName?: string): void {
  checkedTopologicalOrder(graph, sourceName ?? graph.name);
}
