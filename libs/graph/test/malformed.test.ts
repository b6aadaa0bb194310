import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitCodeOf, UsageError } from '@strata/cli';
import { GraphError, loadGraphFile, parseGraphJson, validateGraph } from '../src/index.js';

/** A small Checkmate-style node-link document: nodes 0→1→2 unless edges are given. */
function nodeLink(overrides: { nodes?: unknown[]; links?: unknown[] } = {}): string {
  const nodes = overrides.nodes ?? [
    { id: 0, name: 'conv', backward: false, cost_cpu: 5, cost_ram: 100 },
    { id: 1, name: 'Loss', backward: true, cost_cpu: 1, cost_ram: 4 },
    { id: 2, name: 'conv_grad', backward: true, cost_cpu: 7, cost_ram: 100 },
  ];
  const links = overrides.links ?? [
    { source: 0, target: 1 },
    { source: 1, target: 2 },
  ];
  return JSON.stringify({
    directed: true,
    multigraph: false,
    graph: { name: 'tiny' },
    nodes,
    links,
  });
}

function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, got none');
}

function messageOf(text: string): string {
  const error = errorOf(() => parseGraphJson(text, 'graph.json'));
  expect(error).toBeInstanceOf(GraphError);
  expect(error.message).not.toMatch(/\n/);
  return error.message;
}

describe('malformed graphs give one-line errors naming the file, the node and the fix', () => {
  it('accepts the well-formed base document', () => {
    expect(parseGraphJson(nodeLink(), 'graph.json').nodes.map((n) => n.kind)).toEqual([
      'forward',
      'loss',
      'backward',
    ]);
  });

  it('edge to a missing node', () => {
    expect(
      messageOf(
        nodeLink({
          links: [
            { source: 0, target: 1 },
            { source: 1, target: 7 },
          ],
        }),
      ),
    ).toBe(
      'graph.json: edge 1→7 names node 7, which does not exist: every edge must join two listed nodes',
    );
  });

  it('cycle', () => {
    const links = [
      { source: 0, target: 1 },
      { source: 1, target: 2 },
      { source: 2, target: 1 },
    ];
    expect(messageOf(nodeLink({ links }))).toBe(
      'graph.json: node 1 is on a cycle (1→2→1): a computation graph must be acyclic, so remove one of these edges',
    );
  });

  it('self-loop', () => {
    expect(messageOf(nodeLink({ links: [{ source: 2, target: 2 }] }))).toBe(
      'graph.json: edge 2→2 joins node 2 to itself: a node cannot consume its own output',
    );
  });

  it('repeated edge', () => {
    const links = [
      { source: 0, target: 1 },
      { source: 0, target: 1 },
    ];
    expect(messageOf(nodeLink({ links }))).toBe(
      'graph.json: edge 0→1 is listed twice: list each edge once',
    );
  });

  it('duplicate node id', () => {
    const nodes = [
      { id: 0, name: 'a', backward: false, cost_cpu: 1, cost_ram: 1 },
      { id: 0, name: 'b', backward: false, cost_cpu: 1, cost_ram: 1 },
    ];
    expect(messageOf(nodeLink({ nodes, links: [] }))).toBe(
      'graph.json: node id 0 is used twice ("a" and "b"): give every node its own id',
    );
  });

  it('negative cost', () => {
    const nodes = [{ id: 0, name: 'a', backward: false, cost_cpu: -3, cost_ram: 1 }];
    expect(messageOf(nodeLink({ nodes, links: [] }))).toBe(
      'graph.json: node 0 ("a") has cost -3: costs and sizes must be finite numbers ≥ 0',
    );
  });

  it('a number too large to be finite', () => {
    const text =
      '{"nodes": [{"id": 0, "name": "a", "backward": false, "cost_cpu": 1, "cost_ram": 1e999}], "links": []}';
    expect(messageOf(text)).toBe(
      'graph.json: node 0 ("a") field "cost_ram" is a number too large to represent, not a finite number: write it as a finite number',
    );
  });

  it('wrong field type', () => {
    const nodes = [{ id: 0, name: 'a', backward: false, cost_cpu: '5', cost_ram: 1 }];
    expect(messageOf(nodeLink({ nodes, links: [] }))).toBe(
      'graph.json: node 0 ("a") field "cost_cpu" is "5", not a finite number: write it as a finite number',
    );
  });

  it('missing field', () => {
    const nodes = [{ id: 4, name: 'a', cost_cpu: 5, cost_ram: 1 }];
    expect(messageOf(nodeLink({ nodes, links: [] }))).toBe(
      'graph.json: node 4 ("a") field "backward" is missing: it must be true or false',
    );
  });

  it('non-integer edge end', () => {
    expect(messageOf(nodeLink({ links: [{ source: 0, target: 1.5 }] }))).toBe(
      'graph.json: "links"[0] field "target" is 1.5, not an integer: write it as an integer',
    );
  });

  it('edge without ends', () => {
    expect(messageOf(nodeLink({ links: [{ from: 0, to: 1 }] }))).toBe(
      'graph.json: "links"[0] has no "source" and "target": write each edge as {"source": id, "target": id}',
    );
  });

  it('random-layered node with a string cost', () => {
    const text = JSON.stringify({
      nodes: [{ name: 0, duration: 'slow', out_cost: 1, param_cost: 0 }],
      links: [],
    });
    expect(messageOf(text)).toBe(
      'graph.json: node 0 field "duration" is "slow", not a finite number: write it as a finite number',
    );
  });

  it('an undirected graph', () => {
    const text = JSON.stringify({ ...(JSON.parse(nodeLink()) as object), directed: false });
    expect(messageOf(text)).toBe(
      'graph.json: the graph is undirected ("directed": false): export the computation graph as a directed graph',
    );
  });

  it('no links list', () => {
    expect(messageOf(JSON.stringify({ nodes: [] }))).toBe(
      'graph.json: has no "links" list: a networkx node-link graph lists its edges under "links"',
    );
  });

  it('no nodes', () => {
    expect(messageOf(nodeLink({ nodes: [], links: [] }))).toBe(
      'graph.json: the graph has no nodes: a graph needs at least one node',
    );
  });

  it('bad JSON, with its position', () => {
    expect(messageOf('{\n  "nodes": [\n    {"id": 0,}\n  ]\n}')).toBe(
      'graph.json: not valid JSON at line 3 column 14 (expected a property name in double quotes): fix the file or export it again',
    );
    expect(messageOf('{"nodes": [] "links": []}')).toBe(
      'graph.json: not valid JSON at line 1 column 14 (expected a comma): fix the file or export it again',
    );
    expect(messageOf('   ')).toBe(
      'graph.json: not valid JSON at line 1 column 4 (the file is empty): fix the file or export it again',
    );
  });

  it('not an object at the top', () => {
    expect(messageOf('[1, 2]')).toMatch(/^graph\.json: the top level is a list, not an object: /);
  });

  it('Strata format: wrong version, unknown kind', () => {
    const base = { format: 'strata-graph', version: 1, name: 'g', edges: [] };
    expect(messageOf(JSON.stringify({ ...base, version: 2, nodes: [] }))).toBe(
      'graph.json: field "version" is 2: it must be one of 1',
    );
    const nodes = [{ id: 3, name: 'x', kind: 'sideways', cost: 1, outputBytes: 1, paramBytes: 0 }];
    expect(messageOf(JSON.stringify({ ...base, nodes }))).toBe(
      'graph.json: node 3 ("x") field "kind" is "sideways": it must be one of "forward", "backward", "loss"',
    );
  });

  it('validateGraph names the graph when no file is given', () => {
    const graph = {
      name: 'built',
      nodes: [
        {
          id: 0,
          name: 'a',
          kind: 'forward' as const,
          cost: Number.NaN,
          outputBytes: 0,
          paramBytes: 0,
        },
      ],
      edges: [],
    };
    expect(errorOf(() => validateGraph(graph)).message).toBe(
      'built: node 0 ("a") has cost NaN: costs and sizes must be finite numbers ≥ 0',
    );
  });

  it('errors are UsageErrors, so the CLI exits 2', () => {
    const error = errorOf(() => parseGraphJson('{', 'graph.json'));
    expect(error).toBeInstanceOf(UsageError);
    expect(exitCodeOf(error)).toBe(2);
  });
});

describe('loadGraphFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-graph-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('names the path in errors from the file', async () => {
    const path = join(dir, 'cycle.json');
    await writeFile(path, nodeLink({ links: [{ source: 0, target: 0 }] }));
    await expect(loadGraphFile(path)).rejects.toThrow(
      `${path}: edge 0→0 joins node 0 to itself: a node cannot consume its own output`,
    );
  });

  it('reads a file that starts with a byte-order mark', async () => {
    const path = join(dir, 'bom.json');
    await writeFile(path, `\uFEFF${nodeLink()}`);
    expect((await loadGraphFile(path)).nodes).toHaveLength(3);
  });

  it('says when the file is missing', async () => {
    const path = join(dir, 'absent.json');
    const error = await loadGraphFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).message).toBe(
      `${path}: cannot read the graph file (no such file): check the path`,
    );
  });

  it('names the graph after the file when the file does not', async () => {
    const path = join(dir, 'unnamed.json');
    await writeFile(
      path,
      JSON.stringify({ nodes: [{ name: 0, duration: 1, out_cost: 1 }], edges: [] }),
    );
    const graph = await loadGraphFile(path);
    expect(graph.name).toBe('unnamed');
    expect(graph.nodes[0]).toEqual({
      id: 0,
      name: '0',
      kind: 'forward',
      cost: 1,
      outputBytes: 1,
      paramBytes: 0,
    });
  });
});
