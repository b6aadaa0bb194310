/** `--checkpoint-every STEPS|DURATION`: a step count (`500`) or a wall-clock period (`90s`, `10m`, `1h`). */
import { UsageError } from '@strata/cli';

export type CheckpointSchedule =
  { kind: 'steps'; steps: number } | { kind: 'duration'; ms: number };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseCheckpointEvery(text: string): CheckpointSchedule {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed) && Number(trimmed) > 0)
    return { kind: 'steps', steps: Number(trimmed) };
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(trimmed);
  if (match && Number(match[1]) > 0)
    return { kind: 'duration', ms: Number(match[1]) * UNIT_MS[match[2]!]! };
  throw new UsageError(
    `--checkpoint-every '${text}': give a positive step count (500) or a duration (90s, 10m, 1h)`,
  );
}

/** Decides at the end of each step whether a checkpoint is due. */
export class CheckpointClock {
  private lastMs: number;

  constructor(
    private readonly schedule: CheckpointSchedule,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastMs = now();
  }

  due(step: number): boolean {
    if (this.schedule.kind === 'steps') return step % this.schedule.steps === 0;
    return this.now() - this.lastMs >= this.schedule.ms;
  }

  /** A checkpoint was taken: the period restarts. */
  taken(): void {
    this.lastMs = this.now();
  }
}
