import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@strata/cli';
import { openStore } from '../../src/stores/registry.js';
import { parseStoreUri } from '../../src/stores/uri.js';

describe('parseStoreUri', () => {
  it.each([
    ['s3://bucket/a/b.txt', { scheme: 's3', bucket: 'bucket', key: 'a/b.txt' }],
    ['s3://bucket', { scheme: 's3', bucket: 'bucket', key: '' }],
    ['s3://bucket/dir/', { scheme: 's3', bucket: 'bucket', key: 'dir/' }],
    ['gs://my-bucket/with space/ü', { scheme: 'gs', bucket: 'my-bucket', key: 'with space/ü' }],
    ['file:///tmp/x%20y/z', { scheme: 'file', bucket: '', key: 'tmp/x y/z' }],
    ['/abs/path/', { scheme: 'file', bucket: '', key: 'abs/path/' }],
    ['rel/file', { scheme: 'file', bucket: '', key: 'work/rel/file' }],
    ['../up', { scheme: 'file', bucket: '', key: 'up' }],
  ])('%s', (uri, expected) => {
    expect(parseStoreUri(uri, '/work')).toEqual(expected);
  });

  it.each([
    ['ftp://host/x', /unknown scheme 'ftp:\/\/'.*s3:\/\/bucket\/key/],
    ['s3:///key', /no bucket/],
    ['gs://Bad_Bucket/x', /invalid bucket name 'Bad_Bucket'/],
    ['', /empty location/],
  ])('rejects %j with a UsageError', (uri, message) => {
    expect(() => parseStoreUri(uri)).toThrow(UsageError);
    expect(() => parseStoreUri(uri)).toThrow(message);
  });
});

describe('openStore', () => {
  it('opens plain paths on the local store and marks existing directories as prefixes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'strata-open-'));
    try {
      const opened = await openStore(dir);
      expect(opened.store.uri).toBe('file:///');
      expect(opened.key).toBe(`${dir.slice(1)}/`);
      expect((await openStore(join(dir, 'new-file'))).key).toBe(`${dir.slice(1)}/new-file`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown scheme with a one-line UsageError', async () => {
    await expect(openStore('azure://container/blob')).rejects.toThrow(UsageError);
  });
});
