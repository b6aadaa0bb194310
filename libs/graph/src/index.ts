export type { Graph, GraphEdge, GraphNode, NodeKind, TopoGraph } from './types.js';
