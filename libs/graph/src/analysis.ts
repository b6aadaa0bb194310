import type { TopoGraph } from './types.js';

/** For each node i, the topological index of its last consumer, or i itself when nothing consumes it. */
export function lastUse(topo: TopoGraph): Int32Array {
  const last = new Int32Array(topo.size);
  topo.succs.forEach((consumers, i) => {
    last[i] = consumers.length === 0 ? i : consumers[consumers.length - 1]!;
  });
  return last;
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** Cost of computing every node once: the compute cost of a schedule without recomputation. */
export function totalComputeCost(topo: TopoGraph): number {
  return sum(topo.cost);
}

/** Bytes of all node outputs together: the memory of keeping every value (checkpoint-all, no frees). */
export function totalOutputBytes(topo: TopoGraph): number {
  return sum(topo.outputBytes);
}

/** Bytes of all parameters: memory resident for the whole step, outside any plan's control. */
export function totalParamBytes(topo: TopoGraph): number {
  return sum(topo.paramBytes);
}

function indicesOfKind(topo: TopoGraph, kind: string): number[] {
  const indices: number[] = [];
  topo.nodes.forEach((node, index) => {
    if (node.kind === kind) indices.push(index);
  });
  return indices;
}

/** Topological indices of the forward nodes, ascending. */
export function forwardNodes(topo: TopoGraph): number[] {
  return indicesOfKind(topo, 'forward');
}

/** Topological indices of the backward nodes, ascending (the loss node is not among them). */
export function backwardNodes(topo: TopoGraph): number[] {
  return indicesOfKind(topo, 'backward');
}

/** Topological index of the loss node (the first, if a graph has several), or undefined for inference graphs. */
export function lossNode(topo: TopoGraph): number | undefined {
  return indicesOfKind(topo, 'loss')[0];
}

/**
 * Peak bytes of running the graph once in topological order, keeping each output from when it is
 * computed until its last use (parameters not included). A node's output and its inputs are live
 * together while it runs. This is the memory a plan with no recomputation needs.
 */
export function peakLiveBytes(topo: TopoGraph): number {
  const last = lastUse(topo);
  // freedAfter[t] = bytes whose last use is step t (released once step t finishes).
  const freedAfter = new Float64Array(topo.size);
  for (let i = 0; i < topo.size; i += 1) freedAfter[last[i]!]! += topo.outputBytes[i]!;
  let live = 0;
  let peak = 0;
  for (let t = 0; t < topo.size; t += 1) {
    live += topo.outputBytes[t]!;
    peak = Math.max(peak, live);
    live -= freedAfter[t]!;
  }
  return peak;
}
