/**
 * The per-step metrics log (JSONL, appended). Each line is written with a synchronous write, so a
 * line is in the kernel the moment its step ends (a kill -9 cannot lose it, as it could lose
 * lines still queued in a stream), and `sync` puts it on disk before a checkpoint commits: a
 * resumed run's log is complete up to the checkpoint it resumes from.
 */
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';

export class MetricsLog {
  private constructor(private readonly fd: number | undefined) {}

  /** A log appending to `path`, or one that keeps nothing when there is no path. */
  static open(path: string | undefined): MetricsLog {
    return new MetricsLog(path === undefined ? undefined : openSync(path, 'a'));
  }

  append(record: Record<string, unknown>): void {
    if (this.fd !== undefined) writeSync(this.fd, `${JSON.stringify(record)}\n`);
  }

  /** Called before a checkpoint is handed to the writer. */
  sync(): void {
    if (this.fd !== undefined) fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
  }
}
