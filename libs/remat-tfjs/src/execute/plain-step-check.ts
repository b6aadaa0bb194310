import type * as tfl from '@tensorflow/tfjs-layers';
import { toTopoGraph } from '@strata/graph';
import { noRematPeak } from '@strata/remat';
import { heapCeiling } from '@strata/tfjs';
import { importTrainingGraph } from '../import/training-graph.js';
import { trainableVariables } from './layer-ops.js';
import { checkHeapCeiling } from './memory-ceiling.js';

export interface PlainStepCheck {
  batch: number;
  backend: string;
  /** The flag the refusal names for training by a plan instead (default --memory-budget). */
  budgetFlag?: string;
  /**
   * Bytes the caller's step holds beside the model's weights, gradients and activations that are
   * not allocated yet (optimizer slots made at the first step, the loss's own tensors).
   */
  otherBytes?: number;
}

/**
 * A plain training step (tape autodiff, no plan) holds every layer's output until the backward
 * pass reaches it: the graph's no-remat peak. On a backend with a heap ceiling (wasm) such a step
 * is refused before it runs when that cannot fit, with the activation budget a plan would fit in,
 * because running into the ceiling aborts inside wasm instead of throwing. A model the importer
 * cannot read is not checked (it trains, or fails, as plain TF.js would).
 */
export function checkPlainStepFits(model: tfl.LayersModel, check: PlainStepCheck): void {
  if (heapCeiling(check.backend) === null) return;
  let imported;
  try {
    imported = importTrainingGraph(model, { batch: check.batch });
  } catch {
    return;
  }
  const gradientBytes = imported.entries
    .flatMap(trainableVariables)
    .reduce((sum, v) => sum + v.size * 4, 0);
  checkHeapCeiling(
    check.backend,
    imported,
    noRematPeak(toTopoGraph(imported.graph)),
    gradientBytes + (check.otherBytes ?? 0),
    {
      step: 'a training step without a remat plan',
      budgetFlag: check.budgetFlag ?? '--memory-budget',
    },
  );
}
