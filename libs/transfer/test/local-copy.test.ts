/**
 * The local→local fast path (engine/routes/local-copy.ts) through the real engine and real files: it
 * copies both sizes byte for byte, and keeps the guarantees of the generic pipeline: a source
 * that changes after it was listed is refused (nothing written), and bytes that land differently
 * from what was read are caught by the CRC32C read-back, retried, and never left at the target.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileHandle } from 'node:fs/promises';
import { DEFAULT_TRANSFER_OPTIONS, type TransferOptions } from '../src/engine/options.js';
import { runTransfer, type TransferHooks } from '../src/engine/transfer.js';
import { WHOLE_BUFFER_LIMIT } from '../src/engine/routes/local-copy.js';
import { LocalStore } from '../src/stores/local/local-store.js';

let root: string;

/**
 * A destination that reads back other bytes than were written `bad` times (a failing disk), in
 * reads that start at `from` or later.
 */
class CorruptReadBackStore extends LocalStore {
  constructor(
    root: string,
    public bad: number,
    private readonly from = 0,
  ) {
    super(root);
  }
  private damage(into: Buffer, got: number, position: number): number {
    if (got > 0 && position >= this.from && this.bad-- > 0)
      into[got - 1] = (into[got - 1] as number) ^ 0x5a;
    return got;
  }
  override readFullySync(fd: number, into: Buffer, position: number): number {
    return this.damage(into, super.readFullySync(fd, into, position), position);
  }
  override async readFully(handle: FileHandle, into: Buffer, position: number): Promise<number> {
    return this.damage(into, await super.readFully(handle, into, position), position);
  }
}

async function copyTree(
  destination: LocalStore = new LocalStore(root),
  hooks: TransferHooks = {},
  options: Partial<TransferOptions> = {},
) {
  const source = new LocalStore(root);
  return runTransfer(
    { store: source, key: 'src/', uri: join(root, 'src') },
    { store: destination, key: 'dst/', uri: join(root, 'dst') },
    {
      ...DEFAULT_TRANSFER_OPTIONS,
      recursive: true,
      stateDir: join(root, 'state'),
      // Three attempts: the tests count the retries (integrity failures are retried).
      maxAttempts: 3,
      ...options,
    },
    hooks,
  );
}

/** Every name under dst (temporaries included): what a reader of the directory could see. */
async function namesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return entries.map(String).sort();
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'strata-local-copy-'));
  await mkdir(join(root, 'src', 'sub'), { recursive: true });
});
afterEach(() => rm(root, { recursive: true, force: true }));

it('copies small files (one buffer) and large ones (kernel copy) byte for byte, leaving no temporaries', async () => {
  const files: Record<string, Buffer> = {
    'empty.bin': Buffer.alloc(0),
    'small.bin': randomBytes(100 * 1024),
    'edge.bin': randomBytes(WHOLE_BUFFER_LIMIT),
    'sub/large.bin': randomBytes(WHOLE_BUFFER_LIMIT * 3 + 5),
  };
  for (const [name, bytes] of Object.entries(files))
    await writeFile(join(root, 'src', name), bytes);
  const summary = await copyTree(new LocalStore(root, { fsync: true }));
  expect(summary.failed).toEqual([]);
  expect(summary).toMatchObject({ objects: 4, partsSent: 4, retries: 0 });
  for (const [name, bytes] of Object.entries(files))
    expect((await readFile(join(root, 'dst', name))).equals(bytes)).toBe(true);
  expect(await namesUnder(join(root, 'dst'))).toEqual([...Object.keys(files), 'sub'].sort());
});

it('refuses a small file that changed after it was listed: a one-line error, nothing written', async () => {
  await writeFile(join(root, 'src', 'a.bin'), randomBytes(4096));
  await writeFile(join(root, 'src', 'b.bin'), randomBytes(4096));
  let changed = false;
  const summary = await copyTree(undefined, {
    // Called once the listing is done and before any copy starts: the file changes "mid-copy".
    onProgress: () => {
      if (changed) return;
      changed = true;
      appendFileSync(join(root, 'src', 'a.bin'), 'more');
    },
  });
  expect(summary.failed).toHaveLength(1);
  expect(summary.failed[0]).toMatchObject({ key: join(root, 'src', 'a.bin'), usage: true });
  expect(summary.failed[0]?.error).toMatch(
    /^source '\/\S+\/src\/a\.bin' changed while it was read \(size 4096 became 4100\)[^\n]*$/,
  );
  expect(await namesUnder(join(root, 'dst'))).toEqual(['b.bin']); // no a.bin, no temporary
});

it.each([
  ['small', 64 * 1024, 0],
  ['large', WHOLE_BUFFER_LIMIT * 2, 0],
  // Checked per 4 MiB block, two blocks read at once: three blocks, damage in the short last one.
  ['large (several blocks)', 9 * 1024 * 1024 + 3, 8 * 1024 * 1024],
])(
  'catches a %s file whose read-back differs, retries it, and leaves nothing bad behind',
  async (_, size, from) => {
    const bytes = randomBytes(size);
    await writeFile(join(root, 'src', 'f.bin'), bytes);

    const flaky = new CorruptReadBackStore(root, 1, from);
    const repaired = await copyTree(flaky);
    expect(repaired).toMatchObject({ objects: 1, retries: 1, failed: [] });
    expect((await readFile(join(root, 'dst', 'f.bin'))).equals(bytes)).toBe(true);

    await rm(join(root, 'dst'), { recursive: true });
    const broken = new CorruptReadBackStore(root, Number.POSITIVE_INFINITY, from);
    const failed = await copyTree(broken);
    expect(failed.objects).toBe(0);
    expect(failed.retries).toBe(2); // 3 attempts
    expect(failed.failed[0]?.error).toMatch(
      /write of 'dst\/f\.bin'[^:]*: checksum mismatch \(expected crc32c [0-9a-f]{8}, got crc32c [0-9a-f]{8}\)/,
    );
    expect(await namesUnder(join(root, 'dst'))).toEqual([]);
  },
);
