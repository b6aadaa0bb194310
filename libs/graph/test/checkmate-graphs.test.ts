import { join } from 'node:path';
import { backwardNodes, forwardNodes, loadGraphFile, lossNode, toTopoGraph } from '../src/index.js';
import { describeWithSharedData } from '@strata/cli/testing';
import { checkmateGraphFiles, checkmateGraphsDir } from './shared-data.js';

// Counts read off the files (node and link list lengths, the node named "Loss").
const EXPECTED: Record<string, { nodes: number; edges: number; loss: number | undefined }> = {
  'MobileNet_512_224x224_train_nx.json': { nodes: 185, edges: 367, loss: 92 },
  'ResNet50_256_224x224_train_nx.json': { nodes: 353, edges: 751, loss: 176 },
  'VGG16_256_224x224_test_nx.json': { nodes: 22, edges: 21, loss: undefined },
  'VGG16_256_224x224_train_nx.json': { nodes: 45, edges: 87, loss: 22 },
  'VGG19_256_224x224_train_nx.json': { nodes: 51, edges: 99, loss: 25 },
  'fcn_8_vgg_32_416x608_train_nx.json': { nodes: 73, edges: 149, loss: 36 },
  'segnet_32_416x608_train_nx.json': { nodes: 77, edges: 151, loss: 38 },
  'vgg_unet_32_416x608_train_nx.json': { nodes: 71, edges: 148, loss: 35 },
  'random_layered_n100_w0.27_nlv0.75_ed0.2_scd0.14.json': {
    nodes: 100,
    edges: 236,
    loss: undefined,
  },
  'random_layered_n250_w0.43_nlv0.75_ed0.2_scd0.14.json': {
    nodes: 250,
    edges: 944,
    loss: undefined,
  },
  'random_layered_n500_w0.36_nlv0.75_ed0.2_scd0.14.json': {
    nodes: 500,
    edges: 2461,
    loss: undefined,
  },
  'random_layered_n1000_w0.31_nlv0.75_ed0.2_scd0.14.json': {
    nodes: 1000,
    edges: 5875,
    loss: undefined,
  },
};

const files = checkmateGraphFiles().sort();

describeWithSharedData('every graph in shared/data/checkmate-graphs', () => {
  it('is listed in the expectations (a new file needs its counts here)', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s imports, validates and has the expected shape', async (file) => {
    const expected = EXPECTED[file]!;
    const graph = await loadGraphFile(join(checkmateGraphsDir, file));
    const topo = toTopoGraph(graph);
    expect(topo.size).toBe(expected.nodes);
    expect(topo.edges).toHaveLength(expected.edges);
    expect(topo.edges.every(([i, k]) => i < k)).toBe(true);

    if (file.startsWith('random_layered')) {
      expect(graph.name).toBe(file.replace(/\.json$/, ''));
      expect(forwardNodes(topo)).toHaveLength(expected.nodes);
      // Source 0 and sink 1 (the files' source_node/target_node) come first and last.
      expect(topo.nodes[0]!.id).toBe(0);
      expect(topo.nodes[topo.size - 1]!.id).toBe(1);
      return;
    }
    // Checkmate numbers nodes topologically: the order is the id order.
    expect(topo.nodes.map((node) => node.id)).toEqual([...Array(expected.nodes).keys()]);
    expect(lossNode(topo)).toBe(expected.loss);
    if (expected.loss === undefined) {
      expect(backwardNodes(topo)).toEqual([]);
      expect(forwardNodes(topo)).toHaveLength(expected.nodes);
    } else {
      // n forward nodes, the loss, n backward nodes.
      expect(topo.nodes[expected.loss]!.name.toLowerCase()).toBe('loss');
      expect(forwardNodes(topo)).toEqual([...Array(expected.loss).keys()]);
      expect(backwardNodes(topo)).toHaveLength(expected.nodes - expected.loss - 1);
      expect(backwardNodes(topo)[0]).toBe(expected.loss + 1);
    }
  });

  it('keeps costs and sizes as the file gives them (VGG16 train, node 0)', async () => {
    const graph = await loadGraphFile(join(checkmateGraphsDir, 'VGG16_256_224x224_train_nx.json'));
    expect(graph.name).toBe('VGG16 (MLSys)_256_(224, 224, 3)_train');
    expect(graph.nodes[0]).toEqual({
      id: 0,
      name: 'block1_conv1',
      kind: 'forward',
      cost: 385,
      outputBytes: 3288334336,
      paramBytes: 0,
    });
  });
});
