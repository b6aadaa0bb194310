import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestPath, ResumeManifest } from '../../src/engine/manifest.js';

describe('ResumeManifest', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-manifest-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('records an upload and its finished parts across reloads, then forgets it', async () => {
    const manifest = await ResumeManifest.load(dir, 'file:///src/a', 's3://b/a');
    await manifest.startUpload('a', {
      uploadId: 'u1',
      sourceSize: 10,
      sourceVersion: 'v',
      partSize: 5,
    });
    await Promise.all(
      [1, 2].map((n) => manifest.finishPart('a', n, { etag: `e${n}`, md5: `m${n}`, size: 5 })),
    );
    const again = await ResumeManifest.load(dir, 'file:///src/a', 's3://b/a');
    expect(again.upload('a')).toEqual({
      uploadId: 'u1',
      sourceSize: 10,
      sourceVersion: 'v',
      partSize: 5,
      parts: { '1': { etag: 'e1', md5: 'm1', size: 5 }, '2': { etag: 'e2', md5: 'm2', size: 5 } },
    });
    await again.forget('a');
    expect(await readdir(dir)).toEqual([]); // nothing pending: no file left behind, no temp files
  });

  it('keeps one file per source and destination pair, and ignores a torn or foreign file', async () => {
    expect(manifestPath(dir, 'a', 'b')).not.toBe(manifestPath(dir, 'a', 'c'));
    await writeFile(manifestPath(dir, 'a', 'b'), '{"version":1,"sour');
    await writeFile(`${manifestPath(dir, 'a', 'b')}.999.1.tmp`, '{"ver'); // a writer killed mid-save
    const torn = await ResumeManifest.load(dir, 'a', 'b');
    expect(torn.pendingUploads).toBe(0);
    await torn.startUpload('k', { uploadId: 'u', sourceSize: 1, sourceVersion: 'v', partSize: 1 });
    expect(JSON.parse(await readFile(manifestPath(dir, 'a', 'b'), 'utf8')).uploads.k.uploadId).toBe(
      'u',
    );
  });

  it('continues the uploads of a version-1 manifest but trusts none of its parts (MD5-era tags)', async () => {
    const upload = { uploadId: 'u', sourceSize: 10, sourceVersion: 'v', partSize: 5 };
    const parts = { '1': { etag: 'e1', md5: 'm1', size: 5 } };
    await writeFile(
      manifestPath(dir, 'a', 'b'),
      JSON.stringify({
        version: 1,
        source: 'a',
        destination: 'b',
        uploads: { k: { ...upload, parts } },
      }),
    );
    const old = await ResumeManifest.load(dir, 'a', 'b');
    expect(old.upload('k')).toEqual({ ...upload, parts: {} });
    await old.finishPart('k', 2, { etag: 'crc32c-0000000a', md5: '', size: 5 });
    const saved = JSON.parse(await readFile(manifestPath(dir, 'a', 'b'), 'utf8'));
    expect(saved.version).toBe(2);
    expect(Object.keys(saved.uploads.k.parts)).toEqual(['2']);
  });
});
