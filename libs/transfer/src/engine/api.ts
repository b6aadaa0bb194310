/**
 * The library entry point for a whole cp or sync between two URIs: opens both stores, runs the
 * transfer, closes them. Other libs (checkpoint writer, corpus builder) call this or use the
 * stores directly.
 */
import { openStore } from '../stores/registry.js';
import type { StoreOptions } from '../stores/types.js';
import { DEFAULT_TRANSFER_OPTIONS, type TransferOptions, type TransferSummary } from './options.js';
import { runTransfer, type TransferHooks } from './transfer.js';

export async function transfer(
  sourceUri: string,
  destinationUri: string,
  options: Partial<TransferOptions> = {},
  hooks: TransferHooks = {},
  storeOptions: StoreOptions = {},
): Promise<TransferSummary> {
  const resolved: TransferOptions = { ...DEFAULT_TRANSFER_OPTIONS, ...options };
  const source = await openStore(sourceUri, storeOptions);
  const destination = await openStore(destinationUri, storeOptions);
  try {
    return await runTransfer(
      { store: source.store, key: source.key, uri: sourceUri },
      { store: destination.store, key: destination.key, uri: destinationUri },
      resolved,
      hooks,
    );
  } finally {
    await Promise.all([source.store.close?.(), destination.store.close?.()]);
  }
}

/** Every object under a URI (recursive), for `strata transfer ls`. */
export async function* listObjects(uri: string, storeOptions: StoreOptions = {}) {
  const { store, key } = await openStore(uri, storeOptions);
  try {
    const single = key !== '' && !key.endsWith('/') ? await store.head(key) : null;
    if (single) {
      yield single;
      return;
    }
    const prefix = key === '' || key.endsWith('/') ? key : `${key}/`;
    yield* store.list(prefix);
  } finally {
    await store.close?.();
  }
}
