/** A small corpus written the way `strata code corpus build` writes one (manifest last), from the test programs. */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorpusManifest, CorpusRecord } from '../../src/corpus/index.js';

const PROGRAMS = fileURLToPath(new URL('../programs', import.meta.url));

export async function writeCorpus(
  dir: string,
  options: { functions: number; variants: boolean },
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const names = (await readdir(PROGRAMS)).filter((name) => name.endsWith('.js')).sort();
  const records: CorpusRecord[] = [];
  for (const name of names.slice(0, options.functions)) {
    const source = (await readFile(path.join(PROGRAMS, name), 'utf8')).slice(0, 600);
    records.push({
      id: createHash('sha256').update(name).digest('hex').slice(0, 20),
      package: name.split('-')[0]!,
      file: name,
      line: 1,
      kind: 'program',
      split: 'train',
      source,
      // A stand-in for a transform's output: the views only need a second spelling.
      variants: options.variants
        ? [source.replace(/\bconst\b/g, 'let').replace(/ {2}/g, '\t')]
        : [],
      tokens: source.length,
    });
  }
  const body = Buffer.from(records.map((record) => `${JSON.stringify(record)}\n`).join(''));
  await writeFile(path.join(dir, 'train-00000.jsonl'), body);
  const zero = { functions: 0, packages: 0, shards: 0 };
  const manifest: CorpusManifest = {
    format: 'strata.contracode.corpus',
    version: 1,
    options: {
      from: PROGRAMS,
      variants: options.variants ? 1 : 0,
      transforms: 'all',
      seed: 1,
      minTokens: 16,
      maxTokens: 1024,
      maxFileBytes: 1 << 20,
      shardSize: 5000,
      gzip: false,
      split: { train: 100, valid: 0, test: 0 },
      augmentBatchSize: 16,
    },
    files: {
      seen: records.length,
      parsed: records.length,
      skippedDeclaration: 0,
      skippedTooLarge: 0,
      skippedAlias: 0,
      skippedMinified: 0,
      skippedUnparsable: 0,
      skippedUnreadable: 0,
    },
    functions: {
      found: records.length,
      tooFewTokens: 0,
      tooManyTokens: 0,
      duplicatesRemoved: 0,
      dedupRate: 0,
      kept: records.length,
    },
    variants: {
      written: options.variants ? records.length : 0,
      attempts: records.length,
      unchanged: 0,
      failed: 0,
      functionsWithoutVariant: options.variants ? 0 : records.length,
      skipReasons: [],
      failureReasons: [],
    },
    splits: {
      train: { functions: records.length, packages: 1, shards: 1 },
      valid: zero,
      test: zero,
    },
    shards: [
      {
        name: 'train-00000.jsonl',
        split: 'train',
        lines: records.length,
        bytes: body.length,
        sha256: createHash('sha256').update(body).digest('hex'),
      },
    ],
    run: { workers: 1, seconds: 0, extractWorkerSeconds: 0, augmentWorkerSeconds: 0 },
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
}
