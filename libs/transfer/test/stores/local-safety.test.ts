import { mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { BadRequestError } from '../../src/stores/errors.js';
import { LocalStore } from '../../src/stores/local/local-store.js';
import { md5Of, readAll } from '@strata/transfer/testing';
import { randomBytes } from 'node:crypto';

describe('LocalStore key ↔ path safety', () => {
  let dir: string;
  let store: LocalStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-local-safety-'));
    store = new LocalStore(join(dir, 'root'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it.each(['../escape', 'a/../../escape', 'a//b', './a', 'a/.', '', 'a/.strata-tmp-x'])(
    'refuses key %j before touching the disk',
    async (key) => {
      await expect(store.write(key, Readable.from([Buffer.from('x')]))).rejects.toBeInstanceOf(
        BadRequestError,
      );
      await expect(store.read(key)).rejects.toBeInstanceOf(BadRequestError);
      expect(await readdir(dir)).toEqual([]); // not even the root was created
    },
  );

  it('hides its temporaries and multipart staging from listings', async () => {
    const uploadId = await store.createMultipart('d/big');
    await store.uploadPart('d/big', uploadId, 1, Buffer.from('part'), 4);
    await store.write('d/visible', Readable.from([Buffer.from('v')]));
    const keys: string[] = [];
    for await (const object of store.list('')) keys.push(object.key);
    expect(keys).toEqual(['d/visible']);
    expect((await readdir(join(dir, 'root', 'd'))).some((n) => n.startsWith('.strata-mpu-'))).toBe(
      true,
    );
    await store.abortMultipart('d/big', uploadId);
    expect(await readdir(join(dir, 'root', 'd'))).toEqual(['visible']);
  });

  it('rejects a write whose size differs from the declared one and keeps nothing', async () => {
    await expect(
      store.write('sized', Readable.from([Buffer.from('abc')]), { size: 4 }),
    ).rejects.toThrow(/expected 4/);
    expect(await store.head('sized')).toBeNull();
  });

  it('lists files that were put there by other programs', async () => {
    await store.write('x/a', Readable.from([Buffer.from('a')]));
    await writeFile(join(dir, 'root', 'x', 'b'), 'bb');
    const hashed = await store.hash('x/b');
    expect(hashed?.md5).toBe('21ad0bd836b90d08f4cf640b4c298e7c');
    const page = await store.listPage('x/');
    expect(page.objects.map((o) => [o.key, o.size])).toEqual([
      ['x/a', 1],
      ['x/b', 2],
    ]);
  });
});

describe('LocalStore listing and links', () => {
  it('lists links to files but does not follow links to directories (no endless walks)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'strata-local-links-'));
    try {
      const store = new LocalStore(dir);
      await store.write('data/file', Readable.from([Buffer.from('content')]));
      await symlink(join(dir, 'data', 'file'), join(dir, 'data', 'link-to-file'));
      await symlink(dir, join(dir, 'data', 'loop'));
      const keys: string[] = [];
      for await (const object of store.list('')) keys.push(object.key);
      expect(keys).toEqual(['data/file', 'data/link-to-file']);
      expect((await readAll(await store.read('data/link-to-file'))).toString()).toBe('content');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('LocalStore multipart layout', () => {
  let dir: string;
  let store: LocalStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'strata-local-mpu-'));
    store = new LocalStore(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes equal parts in place, so completing is a rename', async () => {
    const parts = [randomBytes(4096), randomBytes(4096), randomBytes(100)];
    const uploadId = await store.createMultipart('obj');
    // The first part to arrive fixes the layout (a short last part first would mean the
    // concatenating fallback, tested below), so a full part goes first; the rest concurrently, and
    // continued by a second store instance as a resumed process would.
    const other = new LocalStore(dir);
    const second = await store.uploadPart('obj', uploadId, 2, parts[1]!, 4096);
    const done = [
      second,
      ...(await Promise.all([
        other.uploadPart('obj', uploadId, 1, parts[0]!, 4096),
        store.uploadPart('obj', uploadId, 3, parts[2]!, 100),
      ])),
    ];
    const staged = (await readdir(dir)).find((n) => n.startsWith('.strata-mpu-'))!;
    const { ino } = await stat(join(dir, staged, 'data'));
    const info = await store.completeMultipart('obj', uploadId, done);
    // Hashed while the parts arrived (in this process), not read back at completion.
    expect(info.md5).toBe(md5Of(Buffer.concat(parts)));
    expect((await stat(join(dir, 'obj'))).ino).toBe(ino); // the staged file itself, renamed
    expect((await readAll(await store.read('obj'))).equals(Buffer.concat(parts))).toBe(true);
    expect(await readdir(dir)).toEqual(['obj']);
  });

  it('hashes no whole object when the uploader checks the parts itself (wholeChecksum: false)', async () => {
    const parts = [randomBytes(4096), randomBytes(100)];
    const uploadId = await store.createMultipart('obj', { partSize: 4096, wholeChecksum: false });
    const done = [
      await store.uploadPart('obj', uploadId, 1, parts[0]!, 4096),
      await store.uploadPart('obj', uploadId, 2, parts[1]!, 100),
    ];
    const info = await store.completeMultipart('obj', uploadId, done);
    expect(info.md5).toBeUndefined();
    expect(info.size).toBe(4196);
    expect((await readAll(await store.read('obj'))).equals(Buffer.concat(parts))).toBe(true);
  });

  it('lays the parts out by the announced part size, whatever arrives first', async () => {
    const parts = [randomBytes(4096), randomBytes(4096), randomBytes(100)];
    const uploadId = await store.createMultipart('obj', { partSize: 4096 });
    // The short last part first: without the hint it would fix the layout at 100 bytes.
    const done = [
      await store.uploadPart('obj', uploadId, 3, parts[2]!, 100),
      await store.uploadPart('obj', uploadId, 1, parts[0]!, 4096),
      await store.uploadPart('obj', uploadId, 2, parts[1]!, 4096),
    ];
    const staged = (await readdir(dir)).find((n) => n.startsWith('.strata-mpu-'))!;
    const markers = (await readdir(join(dir, staged))).filter((n) => n.startsWith('part-')).sort();
    expect(markers.map((n) => n.split('-')[2])).toEqual(['p', 'p', 'p']); // all in the data file
    const { ino } = await stat(join(dir, staged, 'data'));
    const info = await store.completeMultipart('obj', uploadId, done);
    expect(info.md5).toBe(md5Of(Buffer.concat(parts)));
    expect((await stat(join(dir, 'obj'))).ino).toBe(ino); // renamed, not concatenated
    await expect(store.createMultipart('x', { partSize: 0 })).rejects.toThrow(
      /^create multipart \/\S+\/x: part size 0 is not a positive whole number of bytes$/,
    );
  });

  it('tags each part with the CRC32C of what it wrote, and takes no other tag', async () => {
    const data = Buffer.from('123456789'); // the CRC32C check value: e3069283
    const uploadId = await store.createMultipart('obj');
    const part = await store.uploadPart('obj', uploadId, 1, data, data.length);
    expect(part.etag).toBe('crc32c-e3069283');
    // An MD5 tag (the contract before) or another part's tag names a part never uploaded.
    for (const etag of [md5Of(data), 'crc32c-00000000']) {
      await expect(
        store.completeMultipart('obj', uploadId, [{ partNumber: 1, etag }]),
      ).rejects.toThrow(`/obj: part 1 with etag ${etag} was not uploaded`);
    }
    const info = await store.completeMultipart('obj', uploadId, [
      { ...part, etag: `"${part.etag}"` },
    ]);
    expect(info.md5).toBe(md5Of(data));
  });

  it('falls back to concatenating when parts do not share one size', async () => {
    const parts = [randomBytes(3000), randomBytes(5000), randomBytes(10)];
    const uploadId = await store.createMultipart('obj');
    const done = [
      await store.uploadPart('obj', uploadId, 3, parts[2]!, 10), // fixes the layout at 10 bytes
      await store.uploadPart('obj', uploadId, 1, parts[0]!, 3000),
      await store.uploadPart('obj', uploadId, 2, parts[1]!, 5000),
    ];
    const info = await store.completeMultipart('obj', uploadId, done);
    const whole = Buffer.concat(parts);
    expect(info.md5).toBe(md5Of(whole));
    expect((await readAll(await store.read('obj'))).equals(whole)).toBe(true);
    expect(await readdir(dir)).toEqual(['obj']);
  });
});
