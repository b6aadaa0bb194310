import { GraphError, linearChain, lossNode, toTopoGraph } from '../src/index.js';

describe('linearChain (Checkmate gen_linear_graph)', () => {
  it.each([1, 2, 3, 4, 5])('n=%i: 2n+1 nodes and exactly the chain and twin edges', (n) => {
    const graph = linearChain(n);
    expect(graph.nodes.map((node) => node.id)).toEqual([...Array(2 * n + 1).keys()]);
    expect(graph.nodes.map((node) => node.kind)).toEqual([
      ...Array<string>(n).fill('forward'),
      'loss',
      ...Array<string>(n).fill('backward'),
    ]);
    const expected = new Set<string>();
    for (let i = 0; i < 2 * n; i += 1) expected.add(`${i}→${i + 1}`);
    for (let i = 0; i < n; i += 1) expected.add(`${i}→${2 * n - i}`);
    const actual = graph.edges.map((edge) => `${edge.source}→${edge.target}`);
    expect(actual).toHaveLength(expected.size);
    expect(new Set(actual)).toEqual(expected);
    for (const node of graph.nodes) {
      expect(node.cost).toBe(1);
      expect(node.outputBytes).toBe(1);
      expect(node.paramBytes).toBe(0);
    }
    expect(lossNode(toTopoGraph(graph))).toBe(n);
  });

  it('n=2 edge by edge', () => {
    expect(linearChain(2).edges.map((e) => [e.source, e.target])).toEqual([
      [0, 1],
      [0, 4],
      [1, 2],
      [1, 3],
      [2, 3],
      [3, 4],
    ]);
    expect(linearChain(2).nodes.map((node) => node.name)).toEqual([
      'fwd0',
      'fwd1',
      'loss',
      'bwd1',
      'bwd0',
    ]);
  });

  it('takes a cost and a size', () => {
    const graph = linearChain(2, { cost: 3, bytes: 1024 });
    expect(graph.nodes.every((node) => node.cost === 3 && node.outputBytes === 1024)).toBe(true);
  });

  it('refuses n < 1 and a negative cost', () => {
    expect(() => linearChain(0)).toThrow(
      new GraphError('linear chain: forward node count 0 is not a whole number ≥ 1: give n ≥ 1'),
    );
    expect(() => linearChain(2, { cost: -1 })).toThrow(
      /linear chain: node 0 \("fwd0"\) has cost -1/,
    );
  });
});
