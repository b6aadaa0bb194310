import { createHash } from 'node:crypto';
import type * as tfl from '@tensorflow/tfjs-layers';
import { UsageError } from '@strata/cli';
import type { Graph, GraphEdge, GraphNode } from '@strata/graph';
import { MODEL_INPUT, walkLayers, type LayerEntry } from './layer-walk.js';
import {
  backwardId,
  forwardId,
  lossId,
  TFJS_MAPPING_FORMAT,
  TFJS_MAPPING_VERSION,
  type MappedGraph,
  type TfjsMapping,
} from './mapping.js';
import { forwardFlops } from './supported-layers.js';

const FLOAT32_BYTES = 4;
/** The VJP re-runs the layer under a tape (1×) and forms input and weight gradients (about 2×). */
export const BACKWARD_FLOP_FACTOR = 3;
/** The loss and its gradient: a few passes over the model's output. */
const LOSS_FLOPS_PER_OUTPUT = 5;

/** Per node id, a measured cost (microseconds). */
export type NodeCosts = ReadonlyMap<number, number>;

export interface ImportOptions {
  batch: number;
  /** Label for the graph and mapping (e.g. builtin:resnet or the model.json path). */
  label?: string;
  /** Profiled costs per node id; without them, costs are forward MFLOPs (backward 3×). */
  costs?: NodeCosts;
  backend?: string | null;
}

/** An imported model: the graph, its mapping and the layers the executor runs. */
export interface ImportedGraph extends MappedGraph {
  readonly entries: readonly LayerEntry[];
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function inputShapeOf(model: tfl.LayersModel): number[] {
  const shape = model.inputs[0]!.shape.slice(1);
  if (shape.some((d) => d === null)) {
    throw new UsageError(
      `model '${model.name}' has an unknown input dimension: give it a fixed input shape`,
    );
  }
  return shape as number[];
}

function paramCount(entry: LayerEntry): number {
  return entry.layer.weights.reduce((sum, w) => sum + size(w.shape as number[]), 0);
}

function inputShapes(entries: readonly LayerEntry[], entry: LayerEntry, input: number[]) {
  return entry.inbound.map((s) => (s === MODEL_INPUT ? input : entries[s]!.outputShape));
}

/** Model structure without weights: the same for a model.json and the same builtin anywhere. */
export function modelFingerprint(model: tfl.LayersModel, entries: readonly LayerEntry[]): string {
  const structure = entries.map((e) => [e.className, e.inbound, e.outputShape, paramCount(e)]);
  return createHash('sha256')
    .update(JSON.stringify({ input: inputShapeOf(model), structure }))
    .digest('hex');
}

/**
 * A Layers model and its loss as a Checkmate training graph: forward node per layer, the loss,
 * backward node per layer. A backward node reads its layer's inputs (the VJP re-runs the layer on
 * them under a tape, so it never reads its own stored output) and the gradient from above: the
 * backward nodes of the layer's consumers, or the loss for the output layer. Bytes are float32
 * values at the batch size; a backward node's output is the gradient for each input produced by a
 * layer (the model's input needs none).
 */
export function importTrainingGraph(model: tfl.LayersModel, options: ImportOptions): ImportedGraph {
  const { batch } = options;
  if (!Number.isInteger(batch) || batch < 1) {
    throw new UsageError(`batch ${batch} is not a whole number ≥ 1: give e.g. --batch 8`);
  }
  const entries = walkLayers(model);
  const n = entries.length;
  const input = inputShapeOf(model);
  const bytes = (shape: readonly number[]) => batch * size(shape) * FLOAT32_BYTES;
  const flopsOf = (entry: LayerEntry) =>
    (batch *
      forwardFlops(entry.className, {
        layer: entry.layer,
        inputShapes: inputShapes(entries, entry, input),
        outputShape: entry.outputShape,
        paramCount: paramCount(entry),
      })) /
    1e6;
  const measured = options.costs;
  const cost = (id: number, flopCost: number) => {
    if (measured === undefined) return flopCost;
    const value = measured.get(id);
    if (value === undefined) throw new Error(`no profiled cost for node ${id}`);
    return value;
  };

  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const mappingNodes: TfjsMapping['nodes'] = [];
  for (const entry of entries) {
    const id = forwardId(entry.index);
    nodes.push({
      id,
      name: entry.name,
      kind: 'forward',
      cost: cost(id, flopsOf(entry)),
      outputBytes: bytes(entry.outputShape),
      paramBytes: paramCount(entry) * FLOAT32_BYTES,
    });
    mappingNodes.push({ id, role: 'forward', layer: entry.index });
    for (const source of new Set(entry.inbound)) {
      if (source !== MODEL_INPUT) edges.push({ source: forwardId(source), target: id });
    }
  }
  const last = entries[n - 1]!;
  const loss = lossId(n);
  nodes.push({
    id: loss,
    name: 'loss',
    kind: 'loss',
    cost: cost(loss, (batch * size(last.outputShape) * LOSS_FLOPS_PER_OUTPUT) / 1e6),
    outputBytes: bytes(last.outputShape),
    paramBytes: 0,
  });
  mappingNodes.push({ id: loss, role: 'loss', layer: null });
  edges.push({ source: forwardId(last.index), target: loss });
  for (const entry of [...entries].reverse()) {
    const id = backwardId(entry.index, n);
    const gradientBytes = entry.inbound
      .filter((s) => s !== MODEL_INPUT)
      .reduce((sum, s) => sum + bytes(entries[s]!.outputShape), 0);
    nodes.push({
      id,
      name: `grad_${entry.name}`,
      kind: 'backward',
      cost: cost(id, BACKWARD_FLOP_FACTOR * flopsOf(entry)),
      outputBytes: gradientBytes,
      paramBytes: 0,
    });
    mappingNodes.push({ id, role: 'backward', layer: entry.index });
    for (const source of new Set(entry.inbound)) {
      if (source !== MODEL_INPUT) edges.push({ source: forwardId(source), target: id });
    }
    for (const consumer of entry.consumers)
      edges.push({ source: backwardId(consumer, n), target: id });
    if (entry === last) edges.push({ source: loss, target: id });
  }
  const label = options.label ?? model.name;
  const graph: Graph = {
    name: `${label} (batch ${batch}, float32, ${measured ? `profiled on ${options.backend ?? 'unknown'}` : 'FLOP-costed'})`,
    nodes,
    edges,
  };
  const mapping: TfjsMapping = {
    format: TFJS_MAPPING_FORMAT,
    version: TFJS_MAPPING_VERSION,
    model: label,
    fingerprint: modelFingerprint(model, entries),
    batch,
    dtype: 'float32',
    costSource: measured ? 'profile' : 'flops',
    backend: measured ? (options.backend ?? null) : null,
    layers: entries.map((e) => ({ index: e.index, name: e.name, className: e.className })),
    nodes: mappingNodes,
  };
  return { graph, mapping, entries };
}
