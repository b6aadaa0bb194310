/**
 * The server-side-copy route: inside one store the bytes need not pass through this process; the
 * store copies them (copy_file_range/reflink for files, CopyObject on S3). Verified by size, by
 * ETag where the store reports MD5s, and by the source being unchanged afterwards.
 */
import { knownMd5 } from '../diff.js';
import { ChecksumMismatchError } from '../errors.js';
import { assertSourceUnchanged } from '../pipeline.js';
import {
  pipelineContext,
  sentWhole,
  slot,
  withRetry,
  type RouteExecutor,
  type RunState,
} from './run-state.js';

export function serverSideCopyRoute(state: RunState): RouteExecutor {
  const store = state.destination.store;
  const copy = slot(store.copy, 'the copy slot').bind(store);
  return async ({ pair }) => {
    const context = pipelineContext(state, pair.source);
    const info = await withRetry(state, pair.source.key, () =>
      copy(pair.source.key, pair.destinationKey),
    );
    try {
      await assertSourceUnchanged(context);
      const sourceMd5 = knownMd5(pair.source);
      const copiedMd5 = knownMd5(info);
      if (info.size !== pair.source.size) {
        throw new ChecksumMismatchError(
          `copy of '${pair.source.key}'`,
          `${pair.source.size} bytes`,
          `${info.size} bytes`,
        );
      }
      if (sourceMd5 && copiedMd5 && sourceMd5 !== copiedMd5) {
        throw new ChecksumMismatchError(`copy of '${pair.source.key}'`, sourceMd5, copiedMd5);
      }
    } catch (error) {
      await store.delete(pair.destinationKey).catch(() => undefined); // a changed or bad copy must not stay
      throw error;
    }
    sentWhole(state, pair);
  };
}
