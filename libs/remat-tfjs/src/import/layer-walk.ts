import type * as tfl from '@tensorflow/tfjs-layers';
import { UsageError } from '@strata/cli';
import { isSupportedLayer, supportedLayerNames } from './supported-layers.js';

/** The model's input as an inbound slot: it is held by the caller, never a graph node. */
export const MODEL_INPUT = -1;

/** One non-input layer of a Layers model, in the model's (topological) layer order. */
export interface LayerEntry {
  readonly layer: tfl.layers.Layer;
  /** Position among the model's non-input layers: the stable key of the node ↔ layer mapping. */
  readonly index: number;
  readonly name: string;
  readonly className: string;
  /** Per input slot, the index of the producing layer, or MODEL_INPUT. */
  readonly inbound: readonly number[];
  /** Output shape without the batch dimension. */
  readonly outputShape: readonly number[];
  /** Indices of the layers that consume this layer's output. */
  readonly consumers: number[];
}

function shapeOf(layer: tfl.layers.Layer): number[] {
  const shape = layer.outputShape;
  if (!Array.isArray(shape) || shape.some((d) => Array.isArray(d))) {
    throw new UsageError(
      `layer '${layer.name}' (${layer.getClassName()}) has several outputs: the importer supports single-output layers`,
    );
  }
  const [, ...rest] = shape as (number | null)[];
  if (rest.some((d) => d === null)) {
    throw new UsageError(
      `layer '${layer.name}' has an unknown output dimension (${JSON.stringify(shape)}): give the model a fixed input shape`,
    );
  }
  return rest as number[];
}

/**
 * The model's layers with their wiring, checked against what the executor can run: one input, one
 * output, every layer applied exactly once, every class on the supported list.
 */
export function walkLayers(model: tfl.LayersModel): LayerEntry[] {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new UsageError(
      `model '${model.name}' has ${model.inputs.length} inputs and ${model.outputs.length} outputs: the importer supports one of each`,
    );
  }
  const layers = model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
  const indexByName = new Map(layers.map((layer, index) => [layer.name, index]));
  const entries: LayerEntry[] = layers.map((layer, index) => {
    const className = layer.getClassName();
    if (!isSupportedLayer(className)) {
      throw new UsageError(
        `layer '${layer.name}' is a ${className}, which the remat importer does not support (supported: ${supportedLayerNames().join(', ')})`,
      );
    }
    if (layer.inboundNodes.length !== 1) {
      throw new UsageError(
        `layer '${layer.name}' is applied ${layer.inboundNodes.length} times: the importer supports layers applied once`,
      );
    }
    const node = layer.inboundNodes[0]!;
    const inbound = node.inboundLayers.map((source) => {
      if (source.getClassName() === 'InputLayer') return MODEL_INPUT;
      const at = indexByName.get(source.name);
      if (at === undefined || at >= index) {
        throw new UsageError(
          `layer '${layer.name}' reads '${source.name}', which is not an earlier layer of the model`,
        );
      }
      return at;
    });
    if (node.tensorIndices.some((i) => i !== 0)) {
      throw new UsageError(
        `layer '${layer.name}' reads a second output of another layer: the importer supports single-output layers`,
      );
    }
    return {
      layer,
      index,
      name: layer.name,
      className,
      inbound,
      outputShape: shapeOf(layer),
      consumers: [],
    };
  });
  for (const entry of entries) {
    for (const source of new Set(entry.inbound)) {
      if (source !== MODEL_INPUT) entries[source]!.consumers.push(entry.index);
    }
  }
  const output = model.outputs[0]!.sourceLayer.name;
  const last = entries[entries.length - 1];
  if (last === undefined || last.name !== output) {
    throw new UsageError(
      `model '${model.name}': its output layer '${output}' is not its last layer: the importer needs the output last`,
    );
  }
  const dangling = entries.find((e) => e.consumers.length === 0 && e !== last);
  if (dangling !== undefined) {
    throw new UsageError(
      `layer '${dangling.name}' feeds nothing on the way to the output: remove it from the model`,
    );
  }
  return entries;
}
