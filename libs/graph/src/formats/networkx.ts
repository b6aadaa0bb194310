import { z } from 'zod';
import { GraphError } from '../errors.js';
import type { Graph, GraphEdge, GraphNode, NodeKind } from '../types.js';
import { parseWith } from './issue.js';

/**
 * networkx node-link JSON, in the two shapes of Checkmate's benchmark graphs:
 * - "train" (the `*_train_nx` graphs): nodes {id, name, backward, cost_cpu, cost_ram}, links {source, target};
 * - "random layered": nodes {name (the id), duration, out_cost, param_cost}, links {"0": s, "1": t}.
 * Either shape may list its edges under "links" (networkx < 3.4) or "edges" (networkx ≥ 3.4).
 */

const nodeKind = z.enum(['forward', 'backward', 'loss']);

const trainNode = z.object({
  id: z.number().int(),
  name: z.string(),
  backward: z.boolean(),
  cost_cpu: z.number(),
  cost_ram: z.number(),
  // Strata extensions, written by toNodeLinkJson only when needed for a faithful round trip.
  param_cost: z.number().optional(),
  kind: nodeKind.optional(),
});

const randomLayeredNode = z.object({
  name: z.number().int(),
  duration: z.number(),
  out_cost: z.number(),
  param_cost: z.number().optional(),
});

// Both link spellings are accepted in both shapes; which pair is present is checked after parsing.
const link = z.object({
  source: z.number().int().optional(),
  target: z.number().int().optional(),
  0: z.number().int().optional(),
  1: z.number().int().optional(),
});

const graphMeta = z.object({ name: z.string().optional() }).optional();

// The caller has checked which of "links" / "edges" is present.
function documentSchema<N extends z.ZodType>(node: N) {
  return z.object({
    graph: graphMeta,
    nodes: z.array(node),
    links: z.array(link).optional(),
    edges: z.array(link).optional(),
  });
}

const trainDocument = documentSchema(trainNode);
const randomLayeredDocument = documentSchema(randomLayeredNode);

export type NodeLinkShape = 'train' | 'random-layered';

/** Checkmate marks the loss node `backward: true` and tells it apart only by its name. */
export function inferKind(name: string, backward: boolean): NodeKind {
  if (name.toLowerCase() === 'loss') return 'loss';
  return backward ? 'backward' : 'forward';
}

/** Which shape a node-link document has, judged by its first node's fields. */
export function detectNodeLinkShape(document: Record<string, unknown>): NodeLinkShape {
  const nodes = document.nodes;
  const first = Array.isArray(nodes) ? (nodes[0] as unknown) : undefined;
  if (first !== null && typeof first === 'object' && ('duration' in first || 'out_cost' in first)) {
    return 'random-layered';
  }
  return 'train';
}

function toEdges(
  links: readonly z.infer<typeof link>[],
  listKey: string,
  source: string,
): GraphEdge[] {
  return links.map((entry, index) => {
    if (entry.source !== undefined && entry.target !== undefined)
      return { source: entry.source, target: entry.target };
    if (entry[0] !== undefined && entry[1] !== undefined)
      return { source: entry[0], target: entry[1] };
    throw new GraphError(
      `${source}: "${listKey}"[${index}] has no "source" and "target": write each edge as {"source": id, "target": id}`,
    );
  });
}

/** Converts a parsed node-link document (a plain object) to the IR; validation is the caller's. */
export function fromNodeLink(
  document: Record<string, unknown>,
  source: string,
  fallbackName: string,
): Graph {
  const listKey = 'links' in document ? 'links' : 'edges' in document ? 'edges' : undefined;
  if (listKey === undefined) {
    throw new GraphError(
      `${source}: has no "links" list: a networkx node-link graph lists its edges under "links"`,
    );
  }
  if (document.directed === false) {
    throw new GraphError(
      `${source}: the graph is undirected ("directed": false): export the computation graph as a directed graph`,
    );
  }
  if (detectNodeLinkShape(document) === 'random-layered') {
    const parsed = parseWith(randomLayeredDocument, document, source);
    const nodes = parsed.nodes.map((node): GraphNode => ({
      id: node.name,
      name: String(node.name),
      kind: 'forward',
      cost: node.duration,
      outputBytes: node.out_cost,
      paramBytes: node.param_cost ?? 0,
    }));
    const links = parsed[listKey] ?? [];
    return {
      name: parsed.graph?.name ?? fallbackName,
      nodes,
      edges: toEdges(links, listKey, source),
    };
  }
  const parsed = parseWith(trainDocument, document, source);
  const nodes = parsed.nodes.map((node): GraphNode => ({
    id: node.id,
    name: node.name,
    kind: node.kind ?? inferKind(node.name, node.backward),
    cost: node.cost_cpu,
    outputBytes: node.cost_ram,
    paramBytes: node.param_cost ?? 0,
  }));
  const links = parsed[listKey] ?? [];
  return {
    name: parsed.graph?.name ?? fallbackName,
    nodes,
    edges: toEdges(links, listKey, source),
  };
}

/**
 * The graph as networkx node-link JSON in the "train" shape Checkmate reads. The loss node is
 * written `backward: true` as Checkmate does; `kind` and `param_cost` are added only where the
 * shape alone would lose them, so a Checkmate graph comes back byte-for-byte in its own fields.
 */
export function toNodeLinkJson(graph: Graph): string {
  const nodes = graph.nodes.map((node) => {
    const backward = node.kind !== 'forward';
    return {
      name: node.name,
      backward,
      cost_cpu: node.cost,
      cost_ram: node.outputBytes,
      ...(node.paramBytes !== 0 ? { param_cost: node.paramBytes } : {}),
      ...(inferKind(node.name, backward) !== node.kind ? { kind: node.kind } : {}),
      id: node.id,
    };
  });
  const links = graph.edges.map((edge) => ({ source: edge.source, target: edge.target }));
  return JSON.stringify({
    directed: true,
    multigraph: false,
    graph: { name: graph.name },
    nodes,
    links,
  });
}
