import * as tf from '@tensorflow/tfjs-core';
import { UsageError, formatBytes } from '@strata/cli';
import { heapCeiling } from '@strata/tfjs';
import type { ImportedGraph } from '../import/training-graph.js';
import { layerTransientBytes } from './layer-transient.js';

export { WASM_HEAP_CEILING_BYTES, heapCeiling } from '@strata/tfjs';

/** Head-room for allocator fragmentation in the wasm heap, which is not counted in tensor bytes. */
const FRAGMENTATION_MARGIN = 0.1;

/**
 * Bytes one operation holds beyond the graph's values while it runs: the VJP re-runs its layer
 * under a tape, which keeps the re-run output and what the kernels save for their gradients
 * (about the layer's inputs and output once more); for recurrent and attention layers much more,
 * modelled in layer-transient.ts.
 */
export function transientBytes({ graph, mapping, entries }: ImportedGraph): number {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const inputsOf = new Map<number, number>();
  for (const edge of graph.edges) {
    const source = byId.get(edge.source);
    if (source?.kind === 'forward') {
      inputsOf.set(edge.target, (inputsOf.get(edge.target) ?? 0) + source.outputBytes);
    }
  }
  let most = 0;
  for (const node of mapping.nodes) {
    if (node.role !== 'forward') continue;
    const entry = node.layer === null ? undefined : entries[node.layer];
    const modelled = entry ? layerTransientBytes(entry, mapping.batch) : null;
    const output = byId.get(node.id)?.outputBytes ?? 0;
    most = Math.max(most, modelled ?? 2 * output + (inputsOf.get(node.id) ?? 0));
  }
  return most;
}

/** How a refusal at the heap ceiling speaks: the step it refuses and the flag that would fix it. */
export interface CeilingWording {
  /** e.g. 'this step', 'a training step without a remat plan'. */
  step?: string;
  /** The activation-budget flag of the caller (`remat run --budget`, `train --memory-budget`). */
  budgetFlag?: string;
}

/**
 * Before a step on a backend with a heap ceiling: what is allocated now, plus what the step will
 * hold that is not allocated yet (`heldBytes`: the weight gradients, and the caller's optimizer
 * slots or loss tensors), the plan's activation peak and one operation's transient must fit under
 * the ceiling with margin. Otherwise a one-line UsageError names the largest activation budget
 * that would fit.
 */
export function checkHeapCeiling(
  backend: string,
  imported: ImportedGraph,
  activationPeakBytes: number,
  heldBytes: number,
  wording: CeilingWording = {},
): void {
  const { step = 'this step', budgetFlag = '--budget' } = wording;
  const ceiling = heapCeiling(backend);
  if (ceiling === null) return;
  const usable = Math.floor(ceiling * (1 - FRAGMENTATION_MARGIN));
  const fixed = tf.memory().numBytes + heldBytes + transientBytes(imported);
  if (fixed + activationPeakBytes <= usable) return;
  const room = usable - fixed;
  throw new UsageError(
    room > 0
      ? `${step} needs about ${formatBytes(fixed + activationPeakBytes)} on the ${backend} backend, over its ${formatBytes(ceiling)} heap: give ${budgetFlag} ${room} (${formatBytes(room)}) or less`
      : `the weights, gradients and one layer's working set already take ${formatBytes(fixed)} of the ${backend} backend's ${formatBytes(ceiling)} heap: use a smaller batch or --backend cpu`,
  );
}
