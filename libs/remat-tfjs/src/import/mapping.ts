import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { UsageError } from '@strata/cli';
import { parseGraphJson, toStrataJson, type Graph } from '@strata/graph';

export const TFJS_MAPPING_FORMAT = 'strata-remat-tfjs';
export const TFJS_MAPPING_VERSION = 1;

/**
 * The node ↔ layer mapping that travels in a graph file's `tfjs` field, so a plan made on one
 * machine executes on another: which layer each node runs (by position among the model's non-input
 * layers, with its name and class to check against), and what the graph was made for.
 */
export const tfjsMappingSchema = z.object({
  format: z.literal(TFJS_MAPPING_FORMAT),
  version: z.literal(TFJS_MAPPING_VERSION),
  model: z.string(),
  /** SHA-256 of the layers' classes, wiring, shapes and parameter counts (not the weights). */
  fingerprint: z.string(),
  batch: z.number().int().positive(),
  dtype: z.literal('float32'),
  /** How node costs were obtained: profiled microseconds on `backend`, or forward MFLOPs. */
  costSource: z.enum(['profile', 'flops']),
  backend: z.string().nullable(),
  layers: z.array(z.object({ index: z.number().int(), name: z.string(), className: z.string() })),
  nodes: z.array(
    z.object({
      id: z.number().int(),
      role: z.enum(['forward', 'loss', 'backward']),
      layer: z.number().int().nullable(),
    }),
  ),
});

export type TfjsMapping = z.infer<typeof tfjsMappingSchema>;
export type NodeRole = TfjsMapping['nodes'][number]['role'];

/** Node ids: forward of layer i is i, the loss is n, the backward of layer i is 2n − i. */
export const forwardId = (layer: number) => layer;
export const lossId = (layerCount: number) => layerCount;
export const backwardId = (layer: number, layerCount: number) => 2 * layerCount - layer;

/** A training graph with its mapping: what `strata remat graph` writes. */
export interface MappedGraph {
  readonly graph: Graph;
  readonly mapping: TfjsMapping;
}

/** Strata's graph format (one node or edge per line) with the mapping as one more top-level field. */
export function toMappedGraphJson({ graph, mapping }: MappedGraph): string {
  const base = toStrataJson(graph).trimEnd();
  const body = base.slice(0, base.lastIndexOf('}')).trimEnd();
  return `${body},\n  "tfjs": ${JSON.stringify(mapping)}\n}\n`;
}

/** Parses a graph file written by `strata remat graph`; a graph without the mapping is a UsageError. */
export function parseMappedGraph(text: string, source: string): MappedGraph {
  const graph = parseGraphJson(text, source);
  const document = JSON.parse(text) as { tfjs?: unknown };
  if (document.tfjs === undefined) {
    throw new UsageError(
      `${source}: the graph has no 'tfjs' node ↔ layer mapping: export it with 'strata remat graph --model …'`,
    );
  }
  const parsed = tfjsMappingSchema.safeParse(document.tfjs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(
      `${source}: the 'tfjs' mapping is not version ${TFJS_MAPPING_VERSION} of ${TFJS_MAPPING_FORMAT} (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}): export the graph again`,
    );
  }
  return { graph, mapping: parsed.data };
}

export async function readMappedGraph(path: string): Promise<MappedGraph> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${path}: cannot read the graph file (${(error as NodeJS.ErrnoException).code ?? 'error'}): check the path`,
    );
  }
  return parseMappedGraph(text.replace(/^\uFEFF/, ''), path);
}
