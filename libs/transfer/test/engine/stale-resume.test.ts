/**
 * A resume record whose multipart upload the server no longer knows (aborted there, expired,
 * wiped) is dropped, said so, and the object uploaded afresh: before, every rerun resumed the
 * dead upload and failed in `complete multipart`. Against s3rver (the project's wrapper, which
 * aborts uploads and answers ListParts for their existence).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { startS3Server, S3RVER_CREDENTIALS, type TestServer } from '@strata/test-servers';
import { transfer } from '../../src/engine/api.js';
import { ResumeManifest } from '../../src/engine/manifest.js';
import { DEFAULT_TRANSFER_OPTIONS } from '../../src/engine/options.js';
import { runTransfer } from '../../src/engine/transfer.js';
import { BadRequestError } from '../../src/stores/errors.js';
import { LocalStore } from '../../src/stores/local/local-store.js';
import { S3Store } from '../../src/stores/s3/s3-store.js';
import type { CompletedPart } from '../../src/stores/types.js';
import { ForwardingStore } from './forwarding-store.js';

const MiB = 1024 * 1024;
let server: TestServer;
let root: string;

/** The real bucket, whose second part is refused for good (the first run stops there). */
class FailingSecondPart extends ForwardingStore {
  override uploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: Readable | Uint8Array,
    size: number,
  ): Promise<CompletedPart> {
    if (partNumber === 2) return Promise.reject(new BadRequestError('part 2 refused by the test'));
    return this.inner.multipart!.uploadPart(key, uploadId, partNumber, body, size);
  }
}

beforeAll(async () => {
  server = await startS3Server({ buckets: ['bucket'] });
});
afterAll(() => server.stop());
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-stale-resume-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

it('drops a resume record whose upload was aborted on the server, says so, and uploads afresh', async () => {
  const bytes = randomBytes(16 * MiB + 5);
  await mkdir(join(root, 'src'));
  await writeFile(join(root, 'src', 'big.bin'), bytes);
  const s3 = { endpoint: server.endpoint, credentials: S3RVER_CREDENTIALS };
  const bucket = new S3Store('bucket', s3);
  const options = {
    ...DEFAULT_TRANSFER_OPTIONS,
    stateDir: join(root, 'state'),
    multipartThreshold: 5 * MiB,
    partSize: 5 * MiB,
    concurrency: 1,
  };
  const source = { store: new LocalStore('/'), key: join(root, 'src', 'big.bin').slice(1) };
  try {
    const first = await runTransfer(
      { ...source, uri: join(root, 'src', 'big.bin') },
      {
        store: new FailingSecondPart('s3://bucket/', bucket),
        key: 'big.bin',
        uri: 's3://bucket/big.bin',
      },
      options,
    );
    expect(first.failed).toHaveLength(1);
    const manifest = await ResumeManifest.load(
      options.stateDir,
      `file:///${source.key}`,
      's3://bucket/big.bin',
    );
    const record = manifest.upload('big.bin');
    expect(record).toBeDefined();
    await bucket.abortMultipart('big.bin', record!.uploadId);
    expect(await bucket.uploadExists('big.bin', record!.uploadId)).toBe(false);

    const notices: string[] = [];
    for (let run = 0; run < 2; run += 1) {
      const again = await transfer(
        join(root, 'src', 'big.bin'),
        's3://bucket/big.bin',
        options,
        { onNotice: (message) => notices.push(message) },
        { s3 },
      );
      expect(again).toMatchObject({ objects: 1, failed: [], partsResumed: 0 });
    }
    expect(notices).toEqual([
      'the recorded upload of s3://bucket/big.bin no longer exists on the server: starting it again',
    ]);
    const stored = await bucket.read('big.bin');
    const hash = createHash('md5');
    for await (const chunk of stored) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(createHash('md5').update(bytes).digest('hex'));
  } finally {
    await bucket.close();
  }
});
