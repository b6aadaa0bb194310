import fc from 'fast-check';
import { GraphError, randomLayeredGraph, toStrataJson, toTopoGraph } from '../src/index.js';

describe('randomLayeredGraph', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const options = { nodes: 200, width: 6, edgeDensity: 0.3, seed: 42 };
    expect(toStrataJson(randomLayeredGraph(options))).toBe(
      toStrataJson(randomLayeredGraph({ ...options })),
    );
    expect(toStrataJson(randomLayeredGraph({ ...options, seed: 43 }))).not.toBe(
      toStrataJson(randomLayeredGraph(options)),
    );
  });

  it('property: a valid forward-only DAG with topological ids, inputs and consumers between the ends', () => {
    const options = fc.record({
      nodes: fc.integer({ min: 1, max: 80 }),
      width: fc.integer({ min: 1, max: 12 }),
      edgeDensity: fc.double({ min: 0, max: 1, noNaN: true }),
      skipDensity: fc.double({ min: 0, max: 0.5, noNaN: true }),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(options, (opts) => {
        const graph = randomLayeredGraph(opts);
        const topo = toTopoGraph(graph);
        expect(topo.size).toBe(opts.nodes);
        expect(topo.nodes.map((node) => node.id)).toEqual([...Array(opts.nodes).keys()]);
        expect(graph.nodes.every((node) => node.kind === 'forward')).toBe(true);
        expect(graph.nodes.every((node) => node.cost >= 1 && node.outputBytes >= 1)).toBe(true);
        // Sources are the first layer and sinks the last: at most one layer's worth each.
        const sources = topo.preds.filter((preds) => preds.length === 0).length;
        const sinks = topo.succs.filter((succs) => succs.length === 0).length;
        expect(sources).toBeLessThanOrEqual(2 * opts.width - 1);
        expect(sinks).toBeLessThanOrEqual(2 * opts.width - 1);
        expect(topo.preds[0]).toEqual([]);
      }),
      { numRuns: 80 },
    );
  });

  it('density 1 joins every node of a layer to every node of the next', () => {
    const graph = randomLayeredGraph({
      nodes: 30,
      width: 1,
      edgeDensity: 1,
      skipDensity: 0,
      seed: 3,
    });
    // Width 1: every layer is one node, so the graph is the chain 0→1→…→29.
    expect(graph.edges).toEqual(
      Array.from({ length: 29 }, (_, i) => ({ source: i, target: i + 1 })),
    );
  });

  it('refuses bad options with a one-line error', () => {
    expect(() => randomLayeredGraph({ nodes: 0, width: 2, edgeDensity: 0.5, seed: 1 })).toThrow(
      new GraphError('random layered graph: nodes 0 is not a whole number ≥ 1'),
    );
    expect(() => randomLayeredGraph({ nodes: 5, width: 2, edgeDensity: 1.5, seed: 1 })).toThrow(
      'random layered graph: edgeDensity 1.5 is not between 0 and 1',
    );
  });
});
