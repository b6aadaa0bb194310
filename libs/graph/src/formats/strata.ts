import { z } from 'zod';
import type { Graph } from '../types.js';
import { parseWith } from './issue.js';

export const STRATA_GRAPH_FORMAT = 'strata-graph';
export const STRATA_GRAPH_VERSION = 1;

/** Strata's own graph file: the IR as it is, with a format tag and a version. */
export const strataGraphSchema = z.object({
  format: z.literal(STRATA_GRAPH_FORMAT),
  version: z.literal(STRATA_GRAPH_VERSION),
  name: z.string(),
  nodes: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      kind: z.enum(['forward', 'backward', 'loss']),
      cost: z.number(),
      outputBytes: z.number(),
      paramBytes: z.number(),
    }),
  ),
  edges: z.array(z.object({ source: z.number().int(), target: z.number().int() })),
});

export type StrataGraphDocument = z.infer<typeof strataGraphSchema>;

/** Converts a parsed document to the IR; validation is the caller's. */
export function fromStrataDocument(document: unknown, source: string): Graph {
  const parsed = parseWith(strataGraphSchema, document, source);
  return { name: parsed.name, nodes: parsed.nodes, edges: parsed.edges };
}

/** The graph in Strata's format: one node or edge per line, so diffs of graph files stay readable. */
export function toStrataJson(graph: Graph): string {
  const nodes = graph.nodes.map((n) =>
    JSON.stringify({
      id: n.id,
      name: n.name,
      kind: n.kind,
      cost: n.cost,
      outputBytes: n.outputBytes,
      paramBytes: n.paramBytes,
    }),
  );
  const edges = graph.edges.map((e) => JSON.stringify({ source: e.source, target: e.target }));
  const list = (items: string[]) =>
    items.length === 0 ? '[]' : `[\n    ${items.join(',\n    ')}\n  ]`;
  return [
    '{',
    `  "format": ${JSON.stringify(STRATA_GRAPH_FORMAT)},`,
    `  "version": ${STRATA_GRAPH_VERSION},`,
    `  "name": ${JSON.stringify(graph.name)},`,
    `  "nodes": ${list(nodes)},`,
    `  "edges": ${list(edges)}`,
    '}',
    '',
  ].join('\n');
}
