/**
 * The single route: one object read from the source and written whole in one request, through the
 * checking pipeline (byte count, the source unchanged, its checksums against what the source
 * promised and what the destination reports).
 */
import { sourcePartSize } from '../checksum-parts.js';
import type { Chunk } from '../chunks.js';
import { copyWholeObject } from '../pipeline.js';
import {
  pipelineContext,
  withPartSize,
  withRetry,
  type RouteExecutor,
  type RunState,
} from './run-state.js';

export function singleRoute(state: RunState): RouteExecutor {
  return async ({ pair, plan }) => {
    // An object uploaded in parts is checked against its multipart ETag in the uploader's layout.
    const source = await withPartSize(state, state.source.store, pair.source);
    const context = pipelineContext(state, source);
    const chunk = plan.chunks[0] as Chunk;
    await withRetry(state, pair.source.key, () =>
      copyWholeObject(context, chunk, sourcePartSize(source)),
    );
    state.counters.partsSent += 1;
  };
}
