import { GraphError } from '../errors.js';
import type { Graph, GraphEdge, GraphNode } from '../types.js';
import { mulberry32, randomInt } from './prng.js';

export interface RandomLayeredOptions {
  /** Number of nodes, ≥ 1. */
  nodes: number;
  /** Mean nodes per layer, ≥ 1: each layer's size is drawn uniformly from 1..2·width−1. */
  width: number;
  /** Probability of an edge from each node of a layer to each node of the next, in [0, 1]. */
  edgeDensity: number;
  /** Any integer; the same options and seed give the same graph. */
  seed: number;
  /** Probability of a skip edge from each node 2..maxSkip layers back (default 0.05). */
  skipDensity?: number;
  /** How many layers back a skip edge may reach (default 3). */
  maxSkip?: number;
  /** Compute cost of each node is drawn from 1..maxCost (default 100). */
  maxCost?: number;
  /** Output bytes of each node are drawn from 1..maxBytes (default 1000). */
  maxBytes?: number;
  /** Parameter bytes of each node are drawn from 0..maxParamBytes (default 0). */
  maxParamBytes?: number;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new GraphError(`random layered graph: ${what}`);
}

/**
 * A random layered DAG, forward-only like the random graphs Moccasin benchmarks with: nodes in
 * layers, edges from each layer to the next (every node but the first layer's has an input, every
 * node but the last layer's has a consumer) and a few skip edges further down. Ids are numbered
 * layer by layer, so they are a topological order. Deterministic for a seed.
 */
export function randomLayeredGraph(options: RandomLayeredOptions): Graph {
  const { nodes: count, width, edgeDensity, seed } = options;
  const skipDensity = options.skipDensity ?? 0.05;
  const maxSkip = options.maxSkip ?? 3;
  const maxCost = options.maxCost ?? 100;
  const maxBytes = options.maxBytes ?? 1000;
  const maxParamBytes = options.maxParamBytes ?? 0;
  check(Number.isSafeInteger(count) && count >= 1, `nodes ${count} is not a whole number ≥ 1`);
  check(Number.isSafeInteger(width) && width >= 1, `width ${width} is not a whole number ≥ 1`);
  check(edgeDensity >= 0 && edgeDensity <= 1, `edgeDensity ${edgeDensity} is not between 0 and 1`);
  check(skipDensity >= 0 && skipDensity <= 1, `skipDensity ${skipDensity} is not between 0 and 1`);
  check(Number.isSafeInteger(seed), `seed ${seed} is not an integer`);
  check(
    Number.isSafeInteger(maxSkip) && maxSkip >= 1,
    `maxSkip ${maxSkip} is not a whole number ≥ 1`,
  );
  for (const [name, value, least] of [
    ['maxCost', maxCost, 1],
    ['maxBytes', maxBytes, 1],
    ['maxParamBytes', maxParamBytes, 0],
  ] as const) {
    check(
      Number.isSafeInteger(value) && value >= least,
      `${name} ${value} is not a whole number ≥ ${least}`,
    );
  }

  const random = mulberry32(seed);
  const layers: number[][] = [];
  for (let next = 0; next < count;) {
    const size = Math.min(randomInt(random, 1, 2 * width - 1), count - next);
    layers.push(Array.from({ length: size }, (_, k) => next + k));
    next += size;
  }

  const inputs: Set<number>[] = Array.from({ length: count }, () => new Set<number>());
  const hasConsumer = new Array<boolean>(count).fill(false);
  const connect = (source: number, target: number) => {
    inputs[target]!.add(source);
    hasConsumer[source] = true;
  };
  const pick = (layer: readonly number[]) => layer[randomInt(random, 0, layer.length - 1)]!;
  layers.forEach((layer, depth) => {
    if (depth === 0) return;
    const previous = layers[depth - 1]!;
    for (const target of layer) {
      for (const source of previous) if (random() < edgeDensity) connect(source, target);
      if (inputs[target]!.size === 0) connect(pick(previous), target);
      for (let back = 2; back <= Math.min(maxSkip, depth); back += 1) {
        for (const source of layers[depth - back]!)
          if (random() < skipDensity) connect(source, target);
      }
    }
    for (const source of previous) if (!hasConsumer[source]) connect(source, pick(layer));
  });

  const nodes: GraphNode[] = Array.from({ length: count }, (_, id) => ({
    id,
    name: `node${id}`,
    kind: 'forward',
    cost: randomInt(random, 1, maxCost),
    outputBytes: randomInt(random, 1, maxBytes),
    paramBytes: randomInt(random, 0, maxParamBytes),
  }));
  const edges: GraphEdge[] = inputs.flatMap((sources, target) =>
    [...sources].sort((a, b) => a - b).map((source) => ({ source, target })),
  );
  return { name: `random_layered_n${count}_w${width}_ed${edgeDensity}_seed${seed}`, nodes, edges };
}
