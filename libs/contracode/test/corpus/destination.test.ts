import { rm } from 'node:fs/promises';
import { startS3Server, useS3Environment, type TestServer } from '@strata/test-servers';
import { buildCorpus, readCorpusStats } from '../../src/index.js';
import { copyFixtureTree } from './fixture-tree.js';

// The corpus goes to any store URI @strata/transfer opens; here a real S3-protocol server on loopback.
let server: TestServer;
let tree: string;
let restoreEnvironment = (): void => undefined;

beforeAll(async () => {
  server = await startS3Server({ buckets: ['corpora'] });
  restoreEnvironment = useS3Environment(server);
  tree = await copyFixtureTree();
}, 120_000);

afterAll(async () => {
  restoreEnvironment();
  await server?.stop();
  await rm(tree, { recursive: true, force: true });
});

describe('a corpus in an object store', () => {
  it('is written to s3:// and read back and verified from there', async () => {
    const uri = 's3://corpora/fixture/v1';
    const manifest = await buildCorpus({
      from: tree,
      out: uri,
      variants: 0,
      transforms: 'all',
      seed: 0,
      minTokens: 10,
      maxTokens: 1024,
      maxFileBytes: 1 << 20,
      shardSize: 5,
      gzip: true,
      split: { train: 34, valid: 33, test: 33 },
      workers: 1,
      progress: false,
    });
    expect(manifest.shards.length).toBeGreaterThan(3);
    const stats = await readCorpusStats(uri, { verify: true });
    expect(stats.manifest).toEqual(manifest);
    expect(stats.verification?.ok).toBe(true);
    expect(stats.verification?.shards.map((shard) => shard.name)).toEqual(manifest.shards.map((shard) => shard.name));
    await expect(readCorpusStats('s3://corpora/fixture/none')).rejects.toThrow(/no manifest\.json/);
  }, 300_000);
});
