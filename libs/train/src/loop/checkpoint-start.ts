/**
 * Where a run starts, decided before its first step: the location must take a test write, and a
 * run never mixes with checkpoints it did not write. Without --resume, a folder holding
 * checkpoints is refused (--overwrite deletes them first); with --resume the newest checkpoint
 * that verifies is used, and when every one is damaged the run refuses with the list (again,
 * --overwrite starts at step 0 and deletes them). Nothing is deleted without --overwrite.
 */
import { UsageError } from '@strata/cli';
import { findResumePoint, type LoadedCheckpoint } from '../checkpoint/loader.js';
import {
  displayKey,
  openCheckpointLocation,
  type CheckpointLocation,
} from '../checkpoint/location.js';
import {
  checkWritable,
  existingCheckpoints,
  removeCheckpoints,
  stepList,
} from '../checkpoint/preflight.js';

export interface StartOptions {
  checkpoint: string;
  resume: boolean;
  overwrite: boolean;
  /** Limit for the test write. */
  timeoutMs: number;
  log: (line: string) => void;
  warn: (line: string) => void;
}

export interface StartPoint {
  location: CheckpointLocation;
  resumed: LoadedCheckpoint | null;
  /**
   * `--overwrite`'s deletion, run by the caller once the rest of its input is known good (a run
   * refused for a bad --data must not have deleted anything).
   */
  replace: () => Promise<void>;
}

const nothing = (): Promise<void> => Promise.resolve();

export async function startCheckpoints(options: StartOptions): Promise<StartPoint> {
  const location = await openCheckpointLocation(options.checkpoint);
  try {
    await checkWritable(location, options.timeoutMs);
    const existing = await existingCheckpoints(location);
    const name = (folder: string): string => displayKey(location, folder);
    if (options.resume) {
      const point = await findResumePoint(location.store, location.prefix, options.warn, name);
      if (point.checkpoint) return { location, resumed: point.checkpoint, replace: nothing };
      if (point.damaged.length > 0 && !options.overwrite) {
        const list = point.damaged.map((d) => `step ${d.step}: ${d.reason}`).join('; ');
        throw new UsageError(
          `--resume: every checkpoint under ${location.uri} is damaged (${list}); nothing was changed: repair them, or pass --overwrite to delete them and start at step 0`,
        );
      }
    } else if (existing.some((entry) => entry.complete) && !options.overwrite) {
      throw new UsageError(
        `--checkpoint ${location.uri} holds checkpoints of another run (steps ${stepList(existing.map((e) => e.step))}): pass --resume to continue it, --overwrite to delete them and start at step 0, or choose another --checkpoint`,
      );
    }
    options.log(
      options.resume
        ? `no usable checkpoint under ${location.uri}: starting at step 0`
        : `starting at step 0; checkpoints go to ${location.uri}`,
    );
    const replace =
      options.overwrite && existing.length > 0
        ? () => removeCheckpoints(location, existing, options.log)
        : nothing;
    return { location, resumed: null, replace };
  } catch (error) {
    await location.store.close?.();
    throw error;
  }
}
