/**
 * One behavioural suite for every ObjectStore backend (rclone's fstests are the model): a
 * backend's test file is a few lines that pass a factory and the features the store declares.
 * Optional features are tested only when declared, and a declared feature must work. What is not
 * tested shows as a skipped test saying why (a feature not declared, or a gap of the server the
 * store runs against), never as a pass.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { CRC32C } from '@google-cloud/storage';
import { NotFoundError } from '../stores/errors.js';
import { md5Hex } from '../stores/hashing.js';
import type { MultipartUploads, ObjectInfo, ObjectStore, StoreFeatures } from '../stores/types.js';

export interface ConformanceFixture {
  store: ObjectStore;
  /**
   * Key prefix every test writes under ('' or ending with '/'): a store opened where another
   * library writes (a local store rooted at '/', a run's folder in a bucket) is tested there.
   */
  prefix?: string;
  /** Called once after the suite (stop servers, remove directories). */
  cleanup?: () => Promise<void>;
}

/** Behaviours a server may lack although the store's protocol has them (plain s3rver lacks some). */
export type ServerGap =
  'pagination' | 'keyOrder' | 'firstByteRange' | 'abortMultipart' | 'copyKeyEncoding';

export interface ConformanceOptions {
  /**
   * The features the store declares, known before it starts (`new Store(...).features`), so the
   * tests of undeclared features are listed as skipped; the started store must declare the same.
   */
  features: StoreFeatures;
  /** Part size for the multipart tests; default max(features.minPartSize, 64 KiB). */
  partSize?: number;
  /** Server gaps, each with the reason, shown in the skipped tests' names. */
  gaps?: Partial<Record<ServerGap, string>>;
}

/** What s3rver 3.7.1 as released (no fixes in front) cannot do, each with the reason. */
export const PLAIN_S3RVER_GAPS: Partial<Record<ServerGap, string>> = {
  pagination: 's3rver 3.7.1 builds continuation tokens with DES, which OpenSSL 3 refuses',
  keyOrder: 's3rver 3.7.1 lists keys in its own order, not UTF-8 byte order',
  firstByteRange: 's3rver 3.7.1 answers Range: bytes=0-0 with the whole object',
  abortMultipart: 's3rver 3.7.1 answers AbortMultipartUpload with MethodNotAllowed',
  copyKeyEncoding: "s3rver 3.7.1 decodes x-amz-copy-source with decodeURI ('+', '&' stay encoded)",
};

export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

export const md5Of = md5Hex;

export function crc32cOf(data: Uint8Array): string {
  const crc = new CRC32C();
  crc.update(Buffer.from(data));
  return crc.toString();
}

/** A stream that yields `good` bytes and then fails, as a dropped source connection would. */
function failingStream(good: Buffer): Readable {
  return Readable.from(
    (async function* () {
      yield good;
      await new Promise((resolve) => setTimeout(resolve, 10));
      throw new Error('source failed midway');
    })(),
  );
}

async function keysUnder(store: ObjectStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of store.list(prefix)) keys.push(object.key);
  return keys;
}

export function runStoreConformance(
  name: string,
  factory: () => Promise<ConformanceFixture>,
  options: ConformanceOptions,
): void {
  const { features } = options;
  /** `it` when `reason` is undefined, else a skipped test whose name says why. */
  const checkUnless = (reason: string | undefined) =>
    reason === undefined
      ? it
      : (title: string, test: () => Promise<void>) =>
          it.skip(`${title} (skipped: ${reason})`, test);
  const gap = (which: ServerGap) => checkUnless(options.gaps?.[which]);
  const declared = (feature: 'multipart' | 'serverSideCopy') =>
    checkUnless(features[feature] ? undefined : `the store does not declare ${feature}`);
  describe(`ObjectStore conformance: ${name}`, () => {
    let fixture: ConformanceFixture;
    let store: ObjectStore;
    // Every run writes under its own prefix, so runs never see each other's objects.
    const run = `conformance-${randomBytes(4).toString('hex')}/`;
    let root = run;
    const put = (key: string, data: Uint8Array): Promise<ObjectInfo> =>
      store.write(root + key, Readable.from([Buffer.from(data)]), { size: data.length });
    const get = async (key: string, range?: { start: number; end: number }): Promise<Buffer> =>
      readAll(await store.read(root + key, range));

    beforeAll(async () => {
      fixture = await factory();
      store = fixture.store;
      root = `${fixture.prefix ?? ''}${run}`;
    });
    afterAll(async () => {
      await store?.close?.();
      await fixture?.cleanup?.();
    });

    it('declares its features consistently', () => {
      expect(store.features).toEqual(features);
      expect(store.features.rangeRead).toBe(true);
      expect(typeof store.copy === 'function').toBe(store.features.serverSideCopy);
      expect(store.multipart !== undefined).toBe(store.features.multipart);
      expect(store.features.maxParts).toBeGreaterThan(1);
      expect(store.features.minPartSize).toBeLessThanOrEqual(store.features.maxPartSize);
      expect(store.uri).toMatch(/^(s3|gs|file):\/\/.*\/$/);
    });

    it('round-trips text, empty and binary objects', async () => {
      const text = Buffer.from('hello, object store\n');
      const binary = Buffer.concat([
        Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
        randomBytes(200_000),
      ]);
      for (const [key, data] of [
        ['rt/text.txt', text],
        ['rt/empty', Buffer.alloc(0)],
        ['rt/binary.bin', binary],
      ] as const) {
        const info = await put(key, data);
        expect(info.key).toBe(root + key);
        expect(info.size).toBe(data.length);
        expect((await get(key)).equals(data)).toBe(true);
      }
    });

    it('writes a stream of unknown size', async () => {
      const data = randomBytes(300_000);
      const chunks = [data.subarray(0, 100_000), data.subarray(100_000)];
      const info = await store.write(`${root}unsized/obj`, Readable.from(chunks));
      expect(info.size).toBe(data.length);
      expect((await get('unsized/obj')).equals(data)).toBe(true);
    });

    it('keeps keys with spaces, unicode, symbols and deep slashes', async () => {
      const keys = [
        'odd/with space.txt',
        'odd/日本語-ü-é.txt',
        'odd/a+b=c&d,e;f@g.txt',
        'odd/deep/a/b/c/d/e.bin',
      ];
      for (const key of keys) await put(key, Buffer.from(key));
      for (const key of keys) {
        expect((await get(key)).toString()).toBe(key);
        expect((await store.head(root + key))?.size).toBe(Buffer.byteLength(key));
      }
      expect(await keysUnder(store, `${root}odd/`)).toEqual(keys.map((k) => root + k).sort(byUtf8));
    });

    gap('firstByteRange')(
      'reads byte ranges: first, last, middle, whole, and past the end',
      async () => {
        const data = randomBytes(10_000);
        await put('range/obj', data);
        const cases: [number, number, Buffer][] = [
          [0, 0, data.subarray(0, 1)],
          [9_999, 9_999, data.subarray(9_999)],
          [1_234, 5_678, data.subarray(1_234, 5_679)],
          [0, 9_999, data],
          [9_990, 20_000, data.subarray(9_990)],
        ];
        for (const [start, end, expected] of cases) {
          expect((await get('range/obj', { start, end })).equals(expected)).toBe(true);
        }
      },
    );

    it('heads existing and missing objects', async () => {
      const data = randomBytes(1_000);
      const before = Date.now();
      await put('head/obj', data);
      const info = await store.head(`${root}head/obj`);
      expect(info?.size).toBe(1_000);
      expect(info?.key).toBe(`${root}head/obj`);
      // Second-resolution clocks (S3) round down; allow that and some skew.
      expect(info?.lastModified?.getTime()).toBeGreaterThan(before - 5_000);
      expect(await store.head(`${root}head/missing`)).toBeNull();
      expect(await store.head(`${root}head`)).toBeNull(); // a prefix is not an object
      expect(await store.head(`${root}head/`)).toBeNull();
      await expect(store.read(`${root}head/`)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('fails to read a missing object with NotFoundError', async () => {
      await expect(store.read(`${root}missing/obj`)).rejects.toBeInstanceOf(NotFoundError);
    });

    gap('keyOrder')('lists by prefix, recursively and with a delimiter', async () => {
      for (const key of ['ls/a', 'ls/b/1', 'ls/b/2', 'ls/c', 'ls/b-side', 'lsx/other'])
        await put(key, Buffer.from(key));
      expect(await keysUnder(store, `${root}ls/`)).toEqual(
        ['ls/a', 'ls/b-side', 'ls/b/1', 'ls/b/2', 'ls/c'].map((k) => root + k),
      );
      expect(await keysUnder(store, `${root}ls/b`)).toEqual(
        ['ls/b-side', 'ls/b/1', 'ls/b/2'].map((k) => root + k),
      );
      expect(await keysUnder(store, `${root}ls`)).toHaveLength(6);
      const page = await store.listPage(`${root}ls/`, { delimiter: '/' });
      expect(page.objects.map((o) => o.key)).toEqual(
        ['ls/a', 'ls/b-side', 'ls/c'].map((k) => root + k),
      );
      expect(page.prefixes).toEqual([`${root}ls/b/`]);
      expect(page.nextPageToken).toBeUndefined();
      const sizes = (await store.listPage(`${root}ls/`)).objects.map((o) => o.size);
      expect(sizes).toEqual([4, 9, 6, 6, 4]);
    });

    gap('pagination')('paginates over many pages without losing or repeating entries', async () => {
      const keys = Array.from({ length: 11 }, (_, i) => `pg/k${String(i).padStart(2, '0')}`);
      const nested = ['pg/dir1/x', 'pg/dir1/y', 'pg/dir2/z'];
      await Promise.all([...keys, ...nested].map((k) => put(k, Buffer.from(k))));
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await store.listPage(`${root}pg/`, { pageSize: 3, pageToken: token });
        expect(page.objects.length + page.prefixes.length).toBeLessThanOrEqual(3);
        seen.push(...page.objects.map((o) => o.key));
        token = page.nextPageToken;
        pages++;
      } while (token !== undefined && pages < 50);
      expect(pages).toBeGreaterThanOrEqual(5);
      expect(seen).toEqual([...keys, ...nested].map((k) => root + k).sort(byUtf8));

      const delimited: string[] = [];
      token = undefined;
      pages = 0;
      do {
        const page = await store.listPage(`${root}pg/`, {
          pageSize: 2,
          pageToken: token,
          delimiter: '/',
        });
        delimited.push(...page.objects.map((o) => o.key), ...page.prefixes);
        token = page.nextPageToken;
        pages++;
      } while (token !== undefined && pages < 50);
      expect(pages).toBeGreaterThanOrEqual(6);
      expect(delimited.sort(byUtf8)).toEqual(
        [...keys, 'pg/dir1/', 'pg/dir2/'].map((k) => root + k).sort(byUtf8),
      );
    });

    it('overwrites an object', async () => {
      await put('ow/obj', Buffer.from('first version, longer'));
      await put('ow/obj', Buffer.from('second'));
      expect((await get('ow/obj')).toString()).toBe('second');
      expect((await store.head(`${root}ow/obj`))?.size).toBe(6);
    });

    it('deletes, and deleting a missing key succeeds', async () => {
      await put('del/obj', Buffer.from('x'));
      await store.delete(`${root}del/obj`);
      expect(await store.head(`${root}del/obj`)).toBeNull();
      await expect(store.delete(`${root}del/obj`)).resolves.toBeUndefined();
      await expect(store.delete(`${root}del/never-existed`)).resolves.toBeUndefined();
      expect(await keysUnder(store, `${root}del/`)).toEqual([]);
    });

    it('reports checksums that match the bytes', async () => {
      const data = randomBytes(123_457);
      const written = await put('sum/obj', data);
      const headed = await store.head(`${root}sum/obj`);
      if (store.features.checksum === 'md5') expect(written.md5).toBe(md5Of(data));
      if (store.features.checksum === 'crc32c') expect(written.crc32c).toBe(crc32cOf(data));
      for (const info of [written, headed]) {
        if (info?.md5 !== undefined) expect(info.md5).toBe(md5Of(data));
        if (info?.crc32c !== undefined) expect(info.crc32c).toBe(crc32cOf(data));
      }
    });

    it('leaves no object when the source stream fails midway', async () => {
      const target = `${root}atomic/obj`;
      await expect(store.write(target, failingStream(randomBytes(100_000)))).rejects.toThrow();
      expect(await store.head(target)).toBeNull();
      expect(await keysUnder(store, `${root}atomic/`)).toEqual([]);
      // An existing object survives a failed overwrite intact.
      const original = randomBytes(5_000);
      await put('atomic/obj', original);
      await expect(store.write(target, failingStream(randomBytes(100_000)))).rejects.toThrow();
      expect((await get('atomic/obj')).equals(original)).toBe(true);
      expect(await keysUnder(store, `${root}atomic/`)).toEqual([target]);
    });

    describe('multipart', () => {
      const uploads = (): MultipartUploads => {
        if (!store.multipart)
          throw new Error('multipart is declared but the multipart slot is missing');
        return store.multipart;
      };
      const partSize = (): number =>
        options.partSize ?? Math.max(store.features.minPartSize, 64 * 1024);

      declared('multipart')('uploads parts out of order and completes in part order', async () => {
        const key = `${root}mpu/obj`;
        const parts = [randomBytes(partSize()), randomBytes(partSize()), randomBytes(1_000)];
        const uploadId = await uploads().createMultipart(key);
        const done = [
          await uploads().uploadPart(key, uploadId, 3, parts[2]!, parts[2]!.length),
          await uploads().uploadPart(
            key,
            uploadId,
            1,
            Readable.from([parts[0]!]),
            parts[0]!.length,
          ),
          await uploads().uploadPart(key, uploadId, 2, parts[1]!, parts[1]!.length),
        ];
        expect(await store.head(key)).toBeNull(); // invisible until completed
        const info = await uploads().completeMultipart(key, uploadId, done);
        const whole = Buffer.concat(parts);
        expect(info.size).toBe(whole.length);
        expect((await get('mpu/obj')).equals(whole)).toBe(true);
        if (info.md5 !== undefined) expect(info.md5).toBe(md5Of(whole));
        if (info.crc32c !== undefined) expect(info.crc32c).toBe(crc32cOf(whole));
        expect(await keysUnder(store, `${root}mpu/`)).toEqual([key]);
        // A store that tells an object's part layout tells it right (or says it cannot).
        const told = await store.partSize?.(key);
        if (told !== undefined) expect(told).toBe(partSize());
      });

      declared('multipart')('replaces a part sent twice with the later one', async () => {
        const key = `${root}mpu/resent`;
        const first = randomBytes(partSize());
        const last = randomBytes(10);
        const uploadId = await uploads().createMultipart(key);
        await uploads().uploadPart(key, uploadId, 1, randomBytes(partSize()), partSize());
        const p1 = await uploads().uploadPart(key, uploadId, 1, first, first.length);
        const p2 = await uploads().uploadPart(key, uploadId, 2, last, last.length);
        await uploads().completeMultipart(key, uploadId, [p1, p2]);
        expect((await get('mpu/resent')).equals(Buffer.concat([first, last]))).toBe(true);
      });

      (features.multipart ? gap('abortMultipart') : declared('multipart'))(
        'aborts an upload without leaving anything',
        async () => {
          const key = `${root}mpu-abort/obj`;
          const uploadId = await uploads().createMultipart(key);
          await uploads().uploadPart(key, uploadId, 1, randomBytes(1_000), 1_000);
          await uploads().abortMultipart(key, uploadId);
          expect(await store.head(key)).toBeNull();
          expect(await keysUnder(store, `${root}mpu-abort/`)).toEqual([]);
          await expect(
            uploads().completeMultipart(key, uploadId, [{ partNumber: 1, etag: 'x' }]),
          ).rejects.toThrow();
        },
      );
    });

    (features.serverSideCopy ? gap('copyKeyEncoding') : declared('serverSideCopy'))(
      'copies server-side when declared',
      async () => {
        if (!store.copy) throw new Error('serverSideCopy is declared but copy is missing');
        const data = randomBytes(50_000);
        await put('cp/src', data);
        const info = await store.copy(`${root}cp/src`, `${root}cp/dst dir/copy`);
        await put('cp/odd +&=,;@ ü.bin', data);
        const odd = await store.copy(`${root}cp/odd +&=,;@ ü.bin`, `${root}cp/odd copy +&.bin`);
        expect(odd.size).toBe(data.length);
        expect((await get('cp/odd copy +&.bin')).equals(data)).toBe(true);
        expect(info.size).toBe(data.length);
        expect((await get('cp/dst dir/copy')).equals(data)).toBe(true);
        expect((await get('cp/src')).equals(data)).toBe(true);
        await expect(store.copy(`${root}cp/missing`, `${root}cp/x`)).rejects.toBeInstanceOf(
          NotFoundError,
        );
      },
    );
  });
}

function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
