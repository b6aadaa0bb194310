/**
 * What a run reports at its end is read back from the store, not assumed from the events it
 * saw: the steps of its checkpoints that are complete there. A final checkpoint that committed
 * but is not in the store fails the run: no run exits 0 reporting a checkpoint that is not there.
 */
import { FailureError } from '@strata/cli';
import { listCheckpoints } from '../checkpoint/loader.js';
import type { CheckpointLocation } from '../checkpoint/location.js';

export async function keptCheckpoints(
  location: CheckpointLocation,
  written: ReadonlySet<number>,
  finalStep: number | null,
): Promise<number[]> {
  const complete = new Set(
    (await listCheckpoints(location.store, location.prefix))
      .filter((entry) => entry.complete)
      .map((entry) => entry.step),
  );
  if (finalStep !== null && !complete.has(finalStep)) {
    throw new FailureError(
      `the final checkpoint (step ${finalStep}) committed but is not under ${location.uri} any more; the run cannot be reported as saved`,
    );
  }
  return [...written].filter((step) => complete.has(step)).sort((a, b) => a - b);
}
