/**
 * A download from an object that carries S3's multipart ETag (the MD5 of its parts' MD5s, as
 * AWS reports it) into local files: the engine reads it in the uploader's part layout, checks
 * each part by its MD5 against that ETag, and the local store hashes no whole object on top.
 * The layout of an object of 8 MiB parts with a small tail is ambiguous from the ETag (it reads
 * as 5 MiB parts): the engine asks the store (ObjectStore.partSize, S3's HEAD ?partNumber=1).
 * The source is a real directory behind a store that reports such ETags and can damage one
 * ranged read, so all this runs without an AWS account (s3rver reports whole MD5s).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { multipartEtag } from '../../src/engine/checksum.js';
import { DEFAULT_TRANSFER_OPTIONS } from '../../src/engine/options.js';
import { runTransfer } from '../../src/engine/transfer.js';
import { LocalStore } from '../../src/stores/local/local-store.js';
import type { ByteRange, ListPage, ListPageOptions, ObjectInfo } from '../../src/stores/types.js';
import { ForwardingStore } from './forwarding-store.js';

const MiB = 1024 * 1024;
const PART = 8 * MiB;

/** Reads a directory, reports multipart ETags for PART-sized parts; damages `bad` ranged reads. */
class MultipartEtagSource extends ForwardingStore {
  rangedReads = 0;
  partSizeAsked = 0;

  constructor(
    private readonly files: LocalStore,
    public bad: number,
    private readonly tellsPartSize: boolean,
  ) {
    super('test-multipart://', files, { multipartProof: 'md5-of-parts' });
  }

  async partSize(): Promise<number | undefined> {
    this.partSizeAsked += 1;
    return this.tellsPartSize ? PART : undefined;
  }

  private async withEtag(info: ObjectInfo): Promise<ObjectInfo> {
    const bytes = await readFile(this.files.pathOf(info.key));
    const parts: string[] = [];
    for (let at = 0; at < bytes.length; at += PART)
      parts.push(
        createHash('md5')
          .update(bytes.subarray(at, at + PART))
          .digest('hex'),
      );
    const { md5: _md5, ...rest } = info;
    return { ...rest, etag: multipartEtag(parts) };
  }

  override async listPage(prefix: string, opts?: ListPageOptions): Promise<ListPage> {
    const page = await this.files.listPage(prefix, opts);
    return { ...page, objects: await Promise.all(page.objects.map((o) => this.withEtag(o))) };
  }
  override async *list(prefix: string): AsyncIterable<ObjectInfo> {
    for await (const info of this.files.list(prefix)) yield this.withEtag(info);
  }
  override async head(key: string): Promise<ObjectInfo | null> {
    const info = await this.files.head(key);
    return info && this.withEtag(info);
  }
  override async read(key: string, range?: ByteRange): Promise<Readable> {
    if (!range) return this.files.read(key);
    this.rangedReads += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of await this.files.read(key, range)) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (this.bad-- > 0) body[body.length >> 1]! ^= 0x5a;
    return Readable.from([body]);
  }
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-mpu-etag-'));
  await mkdir(join(root, 'src'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function download(
  source: MultipartEtagSource,
  multipartThreshold: number,
  maxAttempts = 3,
  mode: 'cp' | 'sync' = 'cp',
) {
  // sync works on prefixes: src/ to dst/ holds the same one object
  const [from, to] = mode === 'sync' ? ['src/', 'dst/'] : ['src/big.bin', 'dst/big.bin'];
  return runTransfer(
    { store: source, key: from, uri: `test-multipart://${from}` },
    { store: new LocalStore(root), key: to, uri: join(root, to) },
    {
      ...DEFAULT_TRANSFER_OPTIONS,
      mode,
      multipartThreshold,
      maxAttempts,
      partSize: 16 * MiB, // overridden: the source's own layout is what its ETag checks
      stateDir: join(root, 'state'),
    },
  );
}

// Two 8 MiB parts and a 1234-byte tail: three parts, which 5 MiB parts would give as well.
const SIZE = 2 * PART + 1234;

it('reads in parts as the store says the object was uploaded, checks each against the ETag, and fetches a damaged one again', async () => {
  const bytes = randomBytes(SIZE);
  await writeFile(join(root, 'src', 'big.bin'), bytes);
  const source = new MultipartEtagSource(new LocalStore(root), 1, true);
  const summary = await download(source, 8 * MiB);
  expect(summary).toMatchObject({ objects: 1, failed: [], partsRepaired: 1 });
  expect(source.partSizeAsked).toBe(1);
  // three parts, each read again to find the damaged one, and that one sent again
  expect(source.rangedReads).toBe(3 + 3 + 1);
  expect((await readFile(join(root, 'dst', 'big.bin'))).equals(bytes)).toBe(true);
});

it('checks an object below the multipart threshold, read whole, against its multipart ETag in the layout the store gave', async () => {
  const bytes = randomBytes(SIZE);
  await writeFile(join(root, 'src', 'big.bin'), bytes);
  const source = new MultipartEtagSource(new LocalStore(root), 0, true);
  const summary = await download(source, 64 * MiB);
  expect(summary).toMatchObject({ objects: 1, failed: [] });
  expect((await readFile(join(root, 'dst', 'big.bin'))).equals(bytes)).toBe(true);
});

it('syncs again without copying: the copy is compared in the layout the store gave', async () => {
  await writeFile(join(root, 'src', 'big.bin'), randomBytes(SIZE));
  const source = new MultipartEtagSource(new LocalStore(root), 0, true);
  expect(await download(source, 8 * MiB)).toMatchObject({ objects: 1, failed: [] });
  const again = await download(source, 8 * MiB, 3, 'sync');
  expect(again).toMatchObject({ objects: 0, skipped: 1, failed: [] });
});

it('names the mismatch when the store cannot tell the layout and the inferred one is wrong, and writes nothing', async () => {
  await writeFile(join(root, 'src', 'big.bin'), randomBytes(SIZE));
  const source = new MultipartEtagSource(new LocalStore(root), 0, false);
  const summary = await download(source, 64 * MiB, 1);
  expect(summary.objects).toBe(0);
  expect(summary.failed[0]?.error).toMatch(/^read of '\S*src\/big\.bin': checksum mismatch/);
  await expect(readFile(join(root, 'dst', 'big.bin'))).rejects.toThrow(/ENOENT/);
});
