/**
 * openStore: a URI as users write it → the backend for it (by its descriptor, `backends.ts`) and
 * the key inside it. Backends are imported lazily, so a caller that only uses local files never
 * loads a cloud SDK.
 */
import { stat } from 'node:fs/promises';
import { UsageError } from '@strata/cli';
import { BACKENDS } from './backends.js';
import type { OpenedStore, StoreOptions } from './types.js';
import { parseStoreUri } from './uri.js';

/**
 * Opens the store for `uri`. For s3:// and gs:// the store is the bucket; for file:// and plain
 * paths it is the filesystem root and an existing directory gets a trailing '/' (a prefix).
 * Unknown scheme, malformed URI or options the backend does not take → UsageError. Nothing is
 * contacted until the first call.
 */
export async function openStore(uri: string, options: StoreOptions = {}): Promise<OpenedStore> {
  const parsed = parseStoreUri(uri);
  const backend = BACKENDS.find((descriptor) => descriptor.scheme === parsed.scheme);
  if (!backend) throw new UsageError(`no store serves '${parsed.scheme}://' URIs ('${uri}')`);
  const given = options[backend.optionsKey];
  if (given !== undefined) {
    const checked = (await backend.optionsSchema()).safeParse(given);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new UsageError(
        `${backend.optionsKey} store options: ${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}`,
      );
    }
  }
  const store = await backend.create(parsed, given);
  let key = parsed.key;
  const files = store.localFiles;
  if (files !== undefined && key !== '' && !key.endsWith('/')) {
    // A key the store would refuse is left as it is: the store names the problem on first use.
    const info = await Promise.resolve()
      .then(() => stat(files.pathOf(key)))
      .catch(() => undefined);
    if (info?.isDirectory()) key = `${key}/`;
  }
  return { store, key };
}
