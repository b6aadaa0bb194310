/**
 * A multipart upload whose completion answer is lost (the server restarted after assembling the
 * object): the engine finds the object in place and accepts it only when it is the source's bytes.
 * The destination behaves like s3rver: it declares S3's multipart proof but reports a whole-object
 * MD5, which the engine did not compute on the way (it expected S3's formula), so the rare lost
 * answer pays for one pass over the source. A real directory stands behind the store.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TRANSFER_OPTIONS } from '../../src/engine/options.js';
import { runTransfer } from '../../src/engine/transfer.js';
import { NotFoundError } from '../../src/stores/errors.js';
import { LocalStore } from '../../src/stores/local/local-store.js';
import type { CompletedPart, ObjectInfo } from '../../src/stores/types.js';
import { ForwardingStore } from './forwarding-store.js';

const MiB = 1024 * 1024;

/** Completes for real, then answers NotFound once; heads report `reportedMd5(bytes)`. */
class LostAnswerStore extends ForwardingStore {
  lost = 0;

  constructor(
    private readonly files: LocalStore,
    private readonly reportedMd5: (bytes: Buffer) => string,
  ) {
    super('test-lost://', files, { multipartProof: 'md5-of-parts', partsTaggedInProcess: false });
  }

  override async head(key: string): Promise<ObjectInfo | null> {
    const info = await this.files.head(key);
    if (!info) return null;
    const md5 = this.reportedMd5(await readFile(this.files.pathOf(key)));
    return { key, size: info.size, etag: md5, md5 };
  }
  override async completeMultipart(
    key: string,
    uploadId: string,
    parts: CompletedPart[],
  ): Promise<ObjectInfo> {
    const info = await this.files.completeMultipart(key, uploadId, parts);
    if (this.lost > 0) return info;
    this.lost += 1;
    throw new NotFoundError(`complete multipart ${key}: no such upload (the answer was lost)`);
  }
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-lost-completion-'));
  await mkdir(join(root, 'src'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function upload(reportedMd5: (bytes: Buffer) => string) {
  const bytes = randomBytes(12 * MiB + 7);
  await writeFile(join(root, 'src', 'big.bin'), bytes);
  const destination = new LostAnswerStore(new LocalStore(root), reportedMd5);
  const summary = await runTransfer(
    { store: new LocalStore(root), key: 'src/big.bin', uri: join(root, 'src', 'big.bin') },
    { store: destination, key: 'dst/big.bin', uri: 'test-lost://dst/big.bin' },
    {
      ...DEFAULT_TRANSFER_OPTIONS,
      multipartThreshold: 8 * MiB,
      partSize: 5 * MiB,
      maxAttempts: 1,
      stateDir: join(root, 'state'),
    },
  );
  return { bytes, summary, destination };
}

const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

it("accepts the object a lost completion left when its whole MD5 is the source's", async () => {
  const { bytes, summary, destination } = await upload(md5);
  expect(destination.lost).toBe(1);
  expect(summary).toMatchObject({ objects: 1, failed: [] });
  expect((await readFile(join(root, 'dst', 'big.bin'))).equals(bytes)).toBe(true);
});

it('does not accept it when the whole MD5 the server reports is another', async () => {
  const { summary } = await upload(() => '0'.repeat(32));
  expect(summary.objects).toBe(0);
  expect(summary.failed[0]?.error).toMatch(/the answer was lost/);
});
