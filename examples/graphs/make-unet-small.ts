/**
 * Generates examples/graphs/unet-small.json: a small U-Net-like training graph (two encoder levels,
 * a bottleneck, two decoder levels with skip connections, a 1×1 head, the loss, and one backward
 * node per forward layer), in Strata's graph format.
 *
 * Sizes are float32 activations for a batch of 8 images of 128×128; costs are forward FLOPs / 1e8
 * (backward layers twice their forward layer), so overheads read like time.
 *
 * Run: npx tsx examples/graphs/make-unet-small.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toStrataJson, type Graph, type GraphEdge, type GraphNode } from '@strata/graph';

const BATCH = 8;
const FLOAT_BYTES = 4;

interface Layer {
  name: string;
  inputs: string[];
  channels: number;
  side: number;
  /** Multiply-adds per output element (e.g. 9·Cin for a 3×3 convolution). */
  macsPerOutput: number;
  /** Parameter count. */
  params: number;
}

function conv(name: string, input: string, cin: number, cout: number, side: number, k = 3): Layer {
  return {
    name,
    inputs: [input],
    channels: cout,
    side,
    macsPerOutput: k * k * cin,
    params: k * k * cin * cout + cout,
  };
}

const layers: Layer[] = [
  {
    name: 'enc1_conv1',
    inputs: [],
    channels: 32,
    side: 128,
    macsPerOutput: 9 * 3,
    params: 9 * 3 * 32 + 32,
  },
  conv('enc1_conv2', 'enc1_conv1', 32, 32, 128),
  { name: 'pool1', inputs: ['enc1_conv2'], channels: 32, side: 64, macsPerOutput: 4, params: 0 },
  conv('enc2_conv1', 'pool1', 32, 64, 64),
  conv('enc2_conv2', 'enc2_conv1', 64, 64, 64),
  { name: 'pool2', inputs: ['enc2_conv2'], channels: 64, side: 32, macsPerOutput: 4, params: 0 },
  conv('bottleneck_conv1', 'pool2', 64, 128, 32),
  conv('bottleneck_conv2', 'bottleneck_conv1', 128, 128, 32),
  {
    name: 'up2',
    inputs: ['bottleneck_conv2'],
    channels: 64,
    side: 64,
    macsPerOutput: 4 * 128,
    params: 4 * 128 * 64,
  },
  {
    name: 'concat2',
    inputs: ['up2', 'enc2_conv2'],
    channels: 128,
    side: 64,
    macsPerOutput: 1,
    params: 0,
  },
  conv('dec2_conv', 'concat2', 128, 64, 64),
  {
    name: 'up1',
    inputs: ['dec2_conv'],
    channels: 32,
    side: 128,
    macsPerOutput: 4 * 64,
    params: 4 * 64 * 32,
  },
  {
    name: 'concat1',
    inputs: ['up1', 'enc1_conv2'],
    channels: 64,
    side: 128,
    macsPerOutput: 1,
    params: 0,
  },
  conv('dec1_conv', 'concat1', 64, 32, 128),
  conv('head', 'dec1_conv', 32, 2, 128, 1),
];

const nodes: GraphNode[] = [];
const edges: GraphEdge[] = [];
const idOf = new Map<string, number>();
const add = (node: Omit<GraphNode, 'id'>) => {
  const id = nodes.length;
  nodes.push({ id, ...node });
  idOf.set(node.name, id);
  return id;
};
const edge = (source: string, target: string) => {
  edges.push({ source: idOf.get(source)!, target: idOf.get(target)! });
};
const cost = (layer: Layer) =>
  Math.max(1, Math.round((2 * layer.macsPerOutput * outputElements(layer)) / 1e8));
const outputElements = (layer: Layer) => BATCH * layer.channels * layer.side * layer.side;

for (const layer of layers) {
  add({
    name: layer.name,
    kind: 'forward',
    cost: cost(layer),
    outputBytes: outputElements(layer) * FLOAT_BYTES,
    paramBytes: layer.params * FLOAT_BYTES,
  });
  for (const input of layer.inputs) edge(input, layer.name);
}

const head = layers[layers.length - 1]!;
add({ name: 'loss', kind: 'loss', cost: 1, outputBytes: FLOAT_BYTES, paramBytes: 0 });
edge(head.name, 'loss');

// Backward: the gradient of each layer needs its input activations, its own output and the
// gradients flowing back from every consumer (the loss for the head).
const consumers = new Map<string, string[]>();
for (const layer of layers)
  for (const input of layer.inputs)
    consumers.set(input, [...(consumers.get(input) ?? []), layer.name]);
for (const layer of [...layers].reverse()) {
  const name = `${layer.name}_backward`;
  add({
    name,
    kind: 'backward',
    cost: 2 * cost(layer),
    outputBytes: outputElements(layer) * FLOAT_BYTES,
    paramBytes: 0,
  });
  const upstream =
    layer === head ? ['loss'] : (consumers.get(layer.name) ?? []).map((c) => `${c}_backward`);
  for (const source of [...layer.inputs, layer.name, ...upstream]) edge(source, name);
}

const graph: Graph = { name: 'unet-small (batch 8, 128×128, float32)', nodes, edges };
const out = join(dirname(fileURLToPath(import.meta.url)), 'unet-small.json');
writeFileSync(out, toStrataJson(graph));
console.log(`wrote ${out}: ${nodes.length} nodes, ${edges.length} edges`);
