export type { Graph, GraphEdge, GraphNode, NodeKind, TopoGraph } from './types.js';
export { GraphError } from './errors.js';
export { parseGraphJson, loadGraphFile } from './parse.js';
export { validateGraph } from './validate.js';
export { toTopoGraph } from './topo.js';
export {
  lastUse,
  totalComputeCost,
  totalOutputBytes,
  totalParamBytes,
  forwardNodes,
  backwardNodes,
  lossNode,
  peakLiveBytes,
} from './analysis.js';
export {
  toStrataJson,
  strataGraphSchema,
  STRATA_GRAPH_FORMAT,
  STRATA_GRAPH_VERSION,
} from './formats/strata.js';
export { toNodeLinkJson, type NodeLinkShape } from './formats/networkx.js';
export { articulationPoints, type ArticulationOptions } from './articulation.js';
export { linearChain, type LinearChainOptions } from './generators/linear-chain.js';
export { randomLayeredGraph, type RandomLayeredOptions } from './generators/random-layered.js';
