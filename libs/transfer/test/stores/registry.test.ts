/**
 * openStore finds a backend by its descriptor ({scheme, create, optionsSchema}) and checks the
 * options before it makes the store.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@strata/cli';
import { BACKENDS } from '../../src/stores/backends.js';
import { openStore } from '../../src/stores/registry.js';

it('has one descriptor per scheme', () => {
  expect(BACKENDS.map((backend) => backend.scheme).sort()).toEqual(['file', 'gs', 's3']);
});

it("refuses options the backend's schema rejects, naming the option", async () => {
  const opening = openStore('s3://bucket/key', { s3: { endpoint: 'not a url' } });
  await expect(opening).rejects.toThrow(UsageError);
  await expect(opening).rejects.toThrow(/^s3 store options: endpoint: /);
  await expect(
    openStore('/tmp/x', { local: { fsync: 'yes' as unknown as boolean } }),
  ).rejects.toThrow(/^local store options: fsync: /);
});

it('opens each backend without contacting it, and marks an existing directory as a prefix', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'strata-registry-'));
  try {
    const local = await openStore(dir, { local: { fsync: true } });
    expect(local.key).toBe(`${dir.slice(1)}/`);
    expect(local.store.localFiles?.fsync).toBe(true);
    const s3 = await openStore('s3://bucket/a/b', { s3: { endpoint: 'http://127.0.0.1:9' } });
    expect([s3.store.uri, s3.key]).toEqual(['s3://bucket/', 'a/b']);
    const gcs = await openStore('gs://bucket/c', { gcs: { apiEndpoint: 'http://127.0.0.1:9' } });
    expect([gcs.store.uri, gcs.key]).toEqual(['gs://bucket/', 'c']);
    await Promise.all([local, s3, gcs].map(({ store }) => store.close?.()));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
