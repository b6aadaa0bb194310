import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip as gunzipCallback } from 'node:zlib';
import { UsageError } from '@strata/cli';
import { openCorpusDestination, type CorpusDestination } from './destination.js';
import { MANIFEST_NAME, manifestSchema, type CorpusManifest } from './manifest.js';

const gunzip = promisify(gunzipCallback);

export interface ShardCheck {
  name: string;
  ok: boolean;
  /** What is wrong, when not ok. */
  problem?: string;
}

export interface CorpusStats {
  uri: string;
  manifest: CorpusManifest;
  /** Present with `verify`: each shard's bytes against the manifest's sha256 and line count. */
  verification?: { ok: boolean; shards: ShardCheck[] };
}

/** Reads a corpus' manifest and, with `verify`, checks every shard it lists. */
export async function readCorpusStats(uri: string, options: { verify?: boolean } = {}): Promise<CorpusStats> {
  const destination = await openCorpusDestination(uri);
  try {
    return await readStats(destination, uri, options.verify === true);
  } finally {
    await destination.close();
  }
}

async function readStats(destination: CorpusDestination, uri: string, verify: boolean): Promise<CorpusStats> {
  const bytes = await destination.read(MANIFEST_NAME);
  if (bytes === undefined) {
    throw new UsageError(`'${uri}' has no ${MANIFEST_NAME}: it is not a corpus, or its build did not finish`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new UsageError(`'${uri}/${MANIFEST_NAME}' is not JSON: rebuild the corpus`);
  }
  const checked = manifestSchema.safeParse(parsed);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new UsageError(
      `'${uri}/${MANIFEST_NAME}' is not a corpus manifest (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}): rebuild the corpus`,
    );
  }
  const manifest = checked.data;
  if (!verify) return { uri, manifest };

  const shards: ShardCheck[] = [];
  for (const shard of manifest.shards) {
    const body = await destination.read(shard.name);
    if (body === undefined) {
      shards.push({ name: shard.name, ok: false, problem: 'missing' });
      continue;
    }
    const sha256 = createHash('sha256').update(body).digest('hex');
    if (sha256 !== shard.sha256) {
      shards.push({ name: shard.name, ok: false, problem: `sha256 ${sha256} != manifest ${shard.sha256}` });
      continue;
    }
    const text = (shard.name.endsWith('.gz') ? await gunzip(body) : body).toString('utf8');
    const lines = text === '' ? 0 : text.split('\n').length - 1;
    shards.push(
      lines === shard.lines
        ? { name: shard.name, ok: true }
        : { name: shard.name, ok: false, problem: `${lines} lines != manifest ${shard.lines}` },
    );
  }
  return { uri, manifest, verification: { ok: shards.every((shard) => shard.ok), shards } };
}
