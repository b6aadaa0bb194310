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
    ['./s3:/bucket/x', { scheme: 'file', bucket: '', key: 'work/s3:/bucket/x' }],
    ['notes:2026.txt', { scheme: 'file', bucket: '', key: 'work/notes:2026.txt' }],
  ])('%s', (uri, expected) => {
    expect(parseStoreUri(uri, '/work')).toEqual(expected);
  });

  it.each([
    ['ftp://host/x', /unknown scheme 'ftp:\/\/'.*s3:\/\/bucket\/key/],
    ['s3:///key', /no bucket/],
    ['gs://Bad_Bucket/x', /invalid bucket name 'Bad_Bucket'/],
    ['', /empty location/],
    ['s3:/bucket/x', /'s3:\/bucket\/x' looks like a mistyped URI: write s3:\/\/bucket\/x/],
    ['gs:bucket/x', /mistyped URI: write gs:\/\/bucket\/x \(or \.\/gs:bucket\/x/],
    ['S3:bucket', /mistyped URI: write s3:\/\/bucket/],
    ['file:/tmp/x', /mistyped URI: write file:\/\/\/tmp\/x/],
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
