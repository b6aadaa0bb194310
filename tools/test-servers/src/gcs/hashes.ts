import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { CRC32C } from '@google-cloud/storage';

/** MD5 and CRC32C of a byte stream, both base64 as GCS reports them. */
export class ObjectHasher {
  private readonly md5: Hash = createHash('md5');
  private readonly crc = new CRC32C();
  size = 0;

  update(chunk: Buffer): void {
    this.md5.update(chunk);
    this.crc.update(chunk);
    this.size += chunk.length;
  }

  digest(): { md5Hash: string; crc32c: string } {
    return { md5Hash: this.md5.digest('base64'), crc32c: this.crc.toString() };
  }
}

export async function hashFiles(paths: string[]): Promise<{ md5Hash: string; crc32c: string; size: number }> {
  const hasher = new ObjectHasher();
  for (const path of paths) {
    for await (const chunk of createReadStream(path)) hasher.update(chunk as Buffer);
  }
  return { ...hasher.digest(), size: hasher.size };
}
