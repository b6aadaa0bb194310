/**
 * Where a run's checkpoints live: the store, the key prefix inside it, and the URI as the user
 * wrote it. Stores key a local file by its path without the leading '/', so every message names
 * folders through `name` (the user's URI plus the folder) instead of printing store keys.
 */
import { openStore, type ObjectStore } from '@strata/transfer';
import { asPrefix } from './format.js';

export interface CheckpointLocation {
  store: ObjectStore;
  /** Key prefix of the run inside the store ('' or ending with '/'). */
  prefix: string;
  /** The URI as given, ending with '/'. */
  uri: string;
}

export async function openCheckpointLocation(uri: string): Promise<CheckpointLocation> {
  const { store, key } = await openStore(uri);
  return { store, prefix: asPrefix(key), uri: uri.endsWith('/') ? uri : `${uri}/` };
}

/** A key under the run's prefix, as the user would write it (`/tmp/run/ckpt-…/`, `s3://b/run/…`). */
export function displayKey(
  location: Pick<CheckpointLocation, 'prefix' | 'uri'>,
  key: string,
): string {
  return key.startsWith(location.prefix)
    ? `${location.uri}${key.slice(location.prefix.length)}`
    : key;
}

/** An error message from a store, with the run's keys written as the user's URI. */
export function displayMessage(
  location: Pick<CheckpointLocation, 'prefix' | 'uri'>,
  message: string,
): string {
  if (location.prefix === '') return message;
  // Not after a '/': a message that already shows a full path keeps it.
  const escaped = location.prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message.replace(new RegExp(`(?<!/)${escaped}`, 'g'), location.uri);
}
