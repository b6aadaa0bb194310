import { mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { BadRequestError } from '../../src/stores/errors.js';
import { LocalStore } from '../../src/stores/local/local-store.js';
import { readAll } from './conformance.js';

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
