/**
 * The shared graph IR: a plain value, no solver and no framework inside (Checkmate's DFGraph shape).
 * Node ids are arbitrary integers; planners work on a `TopoGraph` (see topo.ts), which renumbers
 * nodes 0..n-1 in a topological order and caches the derived views.
 */
export type NodeKind = 'forward' | 'backward' | 'loss';

export interface GraphNode {
  /** Unique integer id within the graph. */
  readonly id: number;
  readonly name: string;
  readonly kind: NodeKind;
  /** Compute cost in the graph's own units (profiled time or FLOP-scaled); finite, ≥ 0. */
  readonly cost: number;
  /** Bytes of the node's output value (the activation or gradient it produces); finite, ≥ 0. */
  readonly outputBytes: number;
  /** Bytes of the node's parameters (weights), resident all step; finite, ≥ 0. */
  readonly paramBytes: number;
}

/** `source`'s output is an input of `target`. */
export interface GraphEdge {
  readonly source: number;
  readonly target: number;
}

export interface Graph {
  readonly name: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/**
 * A validated graph renumbered in topological order: index i is the i-th node to compute.
 * Arrays are indexed by that topological index, never by the original node id.
 */
export interface TopoGraph {
  readonly graph: Graph;
  readonly size: number;
  /** order[i] = the original node at topological index i. */
  readonly nodes: readonly GraphNode[];
  /** Original id → topological index. */
  readonly indexOf: ReadonlyMap<number, number>;
  readonly cost: Float64Array;
  readonly outputBytes: Float64Array;
  readonly paramBytes: Float64Array;
  /** preds[k] = inputs of node k (sorted ascending); succs[i] = consumers of node i (sorted ascending). */
  readonly preds: readonly (readonly number[])[];
  readonly succs: readonly (readonly number[])[];
  /** Edges as [i, k] pairs of topological indices, i < k, sorted by k then i. */
  readonly edges: readonly (readonly [number, number])[];
}
