/** The log line for each writer event (stderr); the fault tests read these lines. */
import type { WriterEvent } from './commit.js';

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** `warning` lines go through the caller's warn; everything else is progress. */
export function writerEventLine(event: WriterEvent): { warning: boolean; text: string } {
  switch (event.type) {
    case 'write-start':
      return {
        warning: false,
        text: `checkpoint: writing step ${event.step} (${mb(event.bytes)})`,
      };
    case 'committed':
      return {
        warning: false,
        text: `checkpoint: committed step ${event.step} (${mb(event.bytes)} in ${event.seconds.toFixed(2)} s)`,
      };
    case 'shard-written':
      return {
        warning: false,
        text: `checkpoint: step ${event.step}: wrote ${event.file} (${mb(event.bytes)})`,
      };
    case 'retry':
      return {
        warning: false,
        text: `checkpoint: step ${event.step}: retrying ${event.what} in ${event.delayMs} ms after: ${event.error}`,
      };
    case 'deleted':
      return { warning: false, text: `checkpoint: deleted step ${event.step} (${event.reason})` };
    case 'skipped':
      return {
        warning: false,
        text: `checkpoint: skipped step ${event.step}: step ${event.inFlightStep} is still being written`,
      };
    case 'failed':
      return {
        warning: true,
        text: `checkpoint step ${event.step} was not written: ${event.error}`,
      };
  }
}
