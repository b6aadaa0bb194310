/**
 * The functions of one split of a corpus built by `strata code corpus build`, read from any store
 * (its manifest first: a URI without one is no corpus).
 */
import { promisify } from 'node:util';
import { gunzip as gunzipCallback } from 'node:zlib';
import { UsageError } from '@strata/cli';
import {
  readCorpusStats,
  type CorpusManifest,
  type CorpusRecord,
  type Split,
} from '../corpus/index.js';
import { openCorpusDestination } from '../corpus/destination.js';

const gunzip = promisify(gunzipCallback);

export async function readCorpusManifest(uri: string): Promise<CorpusManifest> {
  return (await readCorpusStats(uri)).manifest;
}

export async function readSplit(
  uri: string,
  manifest: CorpusManifest,
  split: Split,
): Promise<CorpusRecord[]> {
  const destination = await openCorpusDestination(uri);
  try {
    const records: CorpusRecord[] = [];
    for (const shard of manifest.shards.filter((entry) => entry.split === split)) {
      const body = await destination.read(shard.name);
      if (body === undefined) {
        throw new UsageError(
          `corpus ${uri} lists shard ${shard.name} but it is missing: check it with 'strata code corpus stats ${uri} --verify'`,
        );
      }
      const text = (shard.name.endsWith('.gz') ? await gunzip(body) : body).toString('utf8');
      for (const line of text.split('\n'))
        if (line !== '') records.push(JSON.parse(line) as CorpusRecord);
    }
    return records;
  } finally {
    await destination.close();
  }
}

/** Refuses a corpus MoCo cannot learn from: no precomputed variants, or no training functions. */
export function checkPretrainable(
  uri: string,
  manifest: CorpusManifest,
  needsVariants: boolean,
): void {
  if (manifest.splits.train.functions === 0) {
    throw new UsageError(
      `corpus ${uri} has no functions in its train split: build it from more code`,
    );
  }
  if (needsVariants && (manifest.options.variants === 0 || manifest.variants.written === 0)) {
    throw new UsageError(
      `corpus ${uri} has no precomputed variants, which contrastive pretraining needs: rebuild it with 'strata code corpus build --variants 2' or use --objective mlm`,
    );
  }
}
