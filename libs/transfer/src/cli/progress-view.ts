/**
 * The transfer's progress bar on a terminal (stderr), in the spirit of rclone's --progress:
 * bytes, objects, the average rate and an ETA from that rate, never a raw template token.
 * Lines printed while the bar is shown (a failed object) first clear the bar's line, so they
 * never run into it.
 */
import { createProgress, formatBytes, type Progress } from '@strata/cli';
import type { TransferProgress } from '../engine/options.js';

/** The rate is too noisy for an ETA before this much time has passed. */
const ETA_AFTER_MS = 2_000;

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--';
  const whole = Math.ceil(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h > 0
    ? `${h}h${String(m).padStart(2, '0')}m`
    : m > 0
      ? `${m}m${String(s).padStart(2, '0')}s`
      : `${s}s`;
}

/** What the bar shows for one progress state, `elapsedMs` after the first byte was asked for. */
export function progressPayload(
  state: TransferProgress,
  elapsedMs: number,
): { value: number; payload: Record<string, string> } {
  // Bytes of an object being retried are counted again: the bar stays below 100% until every
  // object is done, instead of sitting full while the last one is retried.
  const unfinished = state.objectsDone < state.objectsTotal;
  const value = unfinished
    ? Math.min(state.bytesDone, Math.max(0, state.bytesTotal - 1))
    : state.bytesTotal;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? value / seconds : 0;
  const eta = !unfinished
    ? 0
    : elapsedMs < ETA_AFTER_MS || rate <= 0
      ? NaN
      : (state.bytesTotal - value) / rate;
  return {
    value,
    payload: {
      done: formatBytes(value),
      all: formatBytes(state.bytesTotal),
      objects: `${state.objectsDone}/${state.objectsTotal}`,
      rate: `${formatBytes(rate)}/s`,
      remaining: formatDuration(eta),
    },
  };
}

export class ProgressView {
  private bar: Progress | undefined;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly enabled: boolean | undefined,
  ) {}

  update(state: TransferProgress): void {
    if (state.bytesTotal <= 0) return;
    const { value, payload } = progressPayload(state, Date.now() - this.started);
    if (!this.bar) {
      this.bar = createProgress(state.bytesTotal, {
        label: this.label,
        ...(this.enabled === undefined ? {} : { enabled: this.enabled }),
        format: `${this.label} [{bar}] {done} / {all} | {objects} objects | {rate} | ETA {remaining}`,
        payload,
      });
    }
    this.bar.update(value, payload);
  }

  /** A line on stderr that must not land on the bar's line. */
  line(text: string): void {
    if (!this.bar || !process.stderr.isTTY) {
      process.stderr.write(`${text}\n`);
      return;
    }
    // Clear the bar's line, write the text there, and save the cursor on the line below: the
    // bar draws there next, and on stop it returns to the saved position (ESC 7 / ESC 8), which
    // would otherwise be the old line, under the text (the summary then overwrote the bar).
    process.stderr.write(`\r\x1b[2K${text}\n\x1b7`);
  }

  stop(): void {
    this.bar?.stop();
  }
}
