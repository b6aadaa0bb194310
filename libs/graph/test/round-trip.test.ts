import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Graph } from '../src/index.js';
import {
  linearChain,
  loadGraphFile,
  parseGraphJson,
  randomLayeredGraph,
  toNodeLinkJson,
  toStrataJson,
} from '../src/index.js';
import { describeWithSharedData } from '@strata/cli/testing';
import { checkmateGraphFiles, checkmateGraphsDir } from './shared-data.js';

const files = checkmateGraphFiles();

describeWithSharedData('round trips of the Checkmate graphs', () => {
  it.each(files)('%s: Strata JSON and node-link JSON give the same graph back', async (file) => {
    const graph = await loadGraphFile(join(checkmateGraphsDir, file));
    // Compared as JSON text: every field of every node and edge, in order, and far faster than a
    // deep equality over thousands of edge objects.
    const expected = JSON.stringify(graph);
    expect(JSON.stringify(parseGraphJson(toStrataJson(graph), 'strata.json'))).toBe(expected);
    expect(JSON.stringify(parseGraphJson(toNodeLinkJson(graph), 'nx.json'))).toBe(expected);
  });

  it.each(files.filter((file) => file.includes('_train_') || file.includes('_test_')))(
    '%s: node-link export writes exactly the fields Checkmate wrote',
    (file) => {
      const text = readFileSync(join(checkmateGraphsDir, file), 'utf8');
      const original = JSON.parse(text) as {
        nodes: unknown[];
        links: unknown[];
        graph: { name: string };
      };
      const exported = JSON.parse(toNodeLinkJson(parseGraphJson(text, file))) as typeof original;
      expect(exported.nodes).toEqual(original.nodes);
      expect(exported.links).toEqual(original.links);
      expect(exported.graph.name).toBe(original.graph.name);
    },
  );
});

describe('round trips', () => {
  it('keeps kinds the names do not tell, and parameter bytes', () => {
    const graph: Graph = {
      name: 'odd names',
      nodes: [
        { id: 0, name: 'loss', kind: 'forward', cost: 1, outputBytes: 8, paramBytes: 64 },
        { id: 1, name: 'head', kind: 'loss', cost: 2, outputBytes: 4, paramBytes: 0 },
        { id: 2, name: 'grad', kind: 'backward', cost: 3, outputBytes: 8, paramBytes: 0 },
      ],
      edges: [
        { source: 0, target: 1 },
        { source: 1, target: 2 },
      ],
    };
    expect(parseGraphJson(toNodeLinkJson(graph))).toEqual(graph);
    expect(parseGraphJson(toStrataJson(graph))).toEqual(graph);
    const generated = randomLayeredGraph({
      nodes: 40,
      width: 4,
      edgeDensity: 0.4,
      seed: 9,
      maxParamBytes: 50,
    });
    expect(parseGraphJson(toNodeLinkJson(generated))).toEqual(generated);
    expect(parseGraphJson(toStrataJson(linearChain(4)))).toEqual(linearChain(4));
  });

  it('reads both edge spellings under "links" or "edges"', () => {
    const nodes = [
      { id: 0, name: 'a', backward: false, cost_cpu: 1, cost_ram: 2 },
      { id: 1, name: 'b', backward: false, cost_cpu: 3, cost_ram: 4 },
    ];
    const viaEdges = parseGraphJson(JSON.stringify({ nodes, edges: [{ 0: 0, 1: 1 }] }), 'two.json');
    const viaLinks = parseGraphJson(
      JSON.stringify({ nodes, links: [{ source: 0, target: 1 }] }),
      'two.json',
    );
    expect(viaEdges).toEqual(viaLinks);
    expect(viaEdges.name).toBe('two');
    expect(viaEdges.edges).toEqual([{ source: 0, target: 1 }]);
  });
});
