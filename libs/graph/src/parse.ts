import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { GraphError } from './errors.js';
import { fromNodeLink } from './formats/networkx.js';
import { fromStrataDocument } from './formats/strata.js';
import { parseJsonText } from './json-text.js';
import type { Graph } from './types.js';
import { validateGraph } from './validate.js';

function describeTopLevel(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

/**
 * Parses and validates a graph file's text. The format is detected: Strata's own
 * (`"format": "strata-graph"`), or networkx node-link JSON in Checkmate's "train" shape or its
 * "random layered" shape. Every problem is a one-line GraphError starting with `sourceName`.
 */
export function parseGraphJson(text: string, sourceName = 'graph'): Graph {
  const document = parseJsonText(text, sourceName);
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new GraphError(
      `${sourceName}: the top level is ${describeTopLevel(document)}, not an object: a graph file is networkx node-link JSON ({"nodes": [...], "links": [...]}) or a Strata graph ({"format": "strata-graph", ...})`,
    );
  }
  const record = document as Record<string, unknown>;
  const graph =
    'format' in record
      ? fromStrataDocument(record, sourceName)
      : fromNodeLink(record, sourceName, basename(sourceName, extname(sourceName)));
  validateGraph(graph, sourceName);
  return graph;
}

/** Reads, parses and validates a graph file; errors name the path as given. */
export async function loadGraphFile(path: string): Promise<Graph> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : (code ?? 'unreadable');
    throw new GraphError(`${path}: cannot read the graph file (${reason}): check the path`, {
      cause: error,
    });
  }
  // Editors on Windows may save a byte-order mark, which JSON.parse refuses.
  return parseGraphJson(text.replace(/^\uFEFF/, ''), path);
}
