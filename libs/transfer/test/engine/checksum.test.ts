import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  ChecksumStream,
  isMd5Etag,
  loadCrc32c,
  multipartEtag,
  multipartEtagParts,
  normalizeEtag,
} from '../../src/engine/checksum.js';
import { inferPartSize } from '../../src/engine/checksum-parts.js';

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

async function drain(data: Buffer, ...stages: NodeJS.ReadWriteStream[]): Promise<void> {
  const pieces = [];
  for (let offset = 0; offset < data.length; offset += 7_001)
    pieces.push(data.subarray(offset, offset + 7_001));
  await pipeline(
    Readable.from(pieces),
    ...(stages as [NodeJS.ReadWriteStream]),
    async (source: AsyncIterable<Buffer | string>) => {
      for await (const _ of source);
    },
  );
}

describe('checksum streams', () => {
  const data = randomBytes(100_003);

  it('computes MD5 and CRC32C while passing bytes through', async () => {
    const Crc32c = await loadCrc32c();
    const stream = new ChecksumStream({ crc32c: Crc32c });
    await drain(data, stream);
    expect(stream.digests?.md5).toBe(md5(data));
    expect(stream.digests?.bytes).toBe(data.length);
    expect(stream.bytes).toBe(data.length);
    const crc = new Crc32c();
    crc.update(data);
    expect(stream.digests?.crc32c).toBe(crc.toString());
  });

  it('computes per-part MD5s whose multipart ETag follows the S3 formula', async () => {
    const parts = new ChecksumStream({ partSize: 30_000 });
    await drain(data, parts);
    expect(parts.digests?.md5).toBe(md5(data));
    const expected = [0, 30_000, 60_000, 90_000].map((start) =>
      md5(data.subarray(start, start + 30_000)),
    );
    expect(parts.partMd5s).toEqual(expected);
    const concatenated = Buffer.concat(expected.map((hex) => Buffer.from(hex, 'hex')));
    expect(multipartEtag(expected)).toBe(`${md5(concatenated)}-4`);
  });

  it('runs its end check before the stream ends, and a failing check fails the stream', async () => {
    const seen: number[] = [];
    const counting = new ChecksumStream({
      md5: false,
      onChunk: (chunk) => seen.push(chunk.length),
      beforeEnd: (self) => {
        if (self.bytes !== data.length) throw new Error('short');
      },
    });
    await drain(data, counting);
    expect(seen.reduce((a, b) => a + b, 0)).toBe(data.length);
    expect(counting.digests).toBeUndefined();
    const refusing = new ChecksumStream({
      beforeEnd: () => {
        throw new Error('refused at the end');
      },
    });
    await expect(drain(data, refusing)).rejects.toThrow('refused at the end');
  });

  it('parses ETags', () => {
    expect(normalizeEtag('"ABCDEF"')).toBe('abcdef');
    expect(isMd5Etag(`"${md5(data)}"`)).toBe(true);
    expect(isMd5Etag(`${md5(data)}-3`)).toBe(false);
    expect(multipartEtagParts(`"${md5(data)}-3"`)).toBe(3);
    expect(multipartEtagParts('18f0a-1e')).toBeUndefined();
  });

  it('infers the uploader part size from the part count', () => {
    const MiB = 1024 * 1024;
    expect(inferPartSize(1024 * MiB, 128)).toBe(8 * MiB);
    expect(inferPartSize(100 * MiB + 5, 7)).toBe(15 * MiB);
  });
});
