/**
 * The checkpoint stores the fault tests run against: a local folder, s3rver and the GCS test
 * server (real child processes from tools/test-servers), each able to damage a stored object
 * where the server keeps it on disk, as a bad disk or a bug in a store would.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  startGcsServer,
  startS3Server,
  s3Environment,
  type TestServer,
} from '@strata/test-servers';

export type StoreKind = 'local' | 's3' | 'gcs';

export interface TestStore {
  kind: StoreKind;
  /** A fresh checkpoint URI for one scenario. */
  uri(name: string): string;
  /** Environment a trainer child needs to reach the store. */
  env: Record<string, string>;
  /** Flips one bit in the middle of the stored bytes of `key` (relative to a `uri(name)`). */
  damage(name: string, key: string): Promise<void>;
  stop(): Promise<void>;
}

const BUCKET = 'ckpt';

function flipMiddleBit(bytes: Buffer): Buffer {
  const at = Math.floor(bytes.length / 2);
  bytes[at] = bytes[at]! ^ 0x08;
  return bytes;
}

async function damageFile(path: string): Promise<void> {
  await writeFile(path, flipMiddleBit(await readFile(path)));
}

export function localStore(dir: string): TestStore {
  return {
    kind: 'local',
    uri: (name) => join(dir, name),
    env: {},
    damage: (name, key) => damageFile(join(dir, name, key)),
    stop: async () => undefined,
  };
}

/**
 * s3rver keeps an object's bytes in `<dir>/<bucket>/<key dirs>/<name>._S3rver_object` and its MD5
 * beside them: damage on disk is what a read meets, with the ETag of the bytes that were written.
 */
export async function s3Store(plain: boolean): Promise<TestStore & { server: TestServer }> {
  // `plain`: s3rver as released, without tools/test-servers' fixes (what a user installs).
  const options = { buckets: [BUCKET], plain };
  const server = await startS3Server(options);
  return {
    kind: 's3',
    server,
    uri: (name) => `s3://${BUCKET}/${name}`,
    env: s3Environment(server),
    damage: (name, key) => {
      const parts = `${name}/${key}`.split('/');
      const file = `${parts.pop()!}._S3rver_object`;
      return damageFile(join(server.directory, BUCKET, ...parts, file));
    },
    stop: () => server.stop(),
  };
}

/** The GCS test server keeps `<dir>/b/<bucket>/o/<sha256 of name>.<generation>.data`. */
export async function gcsStore(): Promise<TestStore & { server: TestServer }> {
  const server = await startGcsServer({ buckets: [BUCKET] });
  return {
    kind: 'gcs',
    server,
    uri: (name) => `gs://${BUCKET}/${name}`,
    env: { STORAGE_EMULATOR_HOST: server.endpoint },
    damage: async (name, key) => {
      const objects = join(server.directory, 'b', BUCKET, 'o');
      const base = createHash('sha256').update(`${name}/${key}`).digest('hex');
      const data = (await readdir(objects)).filter(
        (file) => file.startsWith(`${base}.`) && file.endsWith('.data'),
      );
      if (data.length !== 1) throw new Error(`no stored bytes for gs://${BUCKET}/${name}/${key}`);
      await damageFile(join(objects, data[0]!));
    },
    stop: () => server.stop(),
  };
}
