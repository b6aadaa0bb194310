import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { crc32c } from '@node-rs/crc32';

/** MD5 and CRC32C (hardware, big-endian) of a byte stream, both base64 as GCS reports them. */
export class ObjectHasher {
  private readonly md5: Hash = createHash('md5');
  private crc = 0;
  size = 0;

  update(chunk: Buffer): void {
    this.md5.update(chunk);
    this.crc = crc32c(chunk, this.crc);
    this.size += chunk.length;
  }

  digest(): { md5Hash: string; crc32c: string } {
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(this.crc >>> 0);
    return { md5Hash: this.md5.digest('base64'), crc32c: crc.toString('base64') };
  }
}

export async function hashFiles(
  paths: string[],
): Promise<{ md5Hash: string; crc32c: string; size: number }> {
  const hasher = new ObjectHasher();
  for (const path of paths) {
    for await (const chunk of createReadStream(path)) hasher.update(chunk as Buffer);
  }
  return { ...hasher.digest(), size: hasher.size };
}
