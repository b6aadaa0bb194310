/**
 * The resume manifest: what a killed transfer had finished, so a rerun continues the same multipart
 * uploads and sends only the missing parts. One JSON file per (source, destination) pair in a
 * local state dir; every save is atomic (write a temp file, fsync, rename), so a kill -9 at any
 * moment leaves either the old or the new manifest, never a torn one.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { writeFileAtomic } from '../stores/atomic-file.js';
import { basename, join } from 'node:path';
import { z } from 'zod';

/**
 * 2: a local destination's part ETag is a CRC32C (`crc32c-…`), no longer the part's MD5, and `md5`
 * is '' when the engine did not hash the part itself (a local destination tags what it wrote).
 * A version-1 file keeps its uploads (so they are continued, not orphaned) but none of its parts:
 * every part is sent again rather than trusting a tag recorded under the old contract.
 */
const MANIFEST_VERSION = 2;

const PartRecord = z.object({
  etag: z.string(),
  /** Hex MD5 of the part as the engine read it; '' when not computed. */
  md5: z.string(),
  size: z.number(),
});

const UploadRecord = z.object({
  uploadId: z.string(),
  /** The source as it was when the upload started: a changed source makes the upload void. */
  sourceSize: z.number(),
  sourceVersion: z.string(),
  partSize: z.number(),
  parts: z.record(z.string(), PartRecord),
});

const ManifestFile = z.object({
  version: z.literal(MANIFEST_VERSION),
  source: z.string(),
  destination: z.string(),
  uploads: z.record(z.string(), UploadRecord),
});

/** A version-1 manifest, read only to carry its uploads over without their parts. */
const ManifestFileV1 = ManifestFile.extend({ version: z.literal(1) });

export type PartRecord = z.infer<typeof PartRecord>;
export type UploadRecord = z.infer<typeof UploadRecord>;
type ManifestData = z.infer<typeof ManifestFile>;

export function manifestPath(stateDir: string, source: string, destination: string): string {
  const hash = createHash('sha256').update(`${source}\n${destination}`).digest('hex').slice(0, 24);
  return join(stateDir, `${hash}.json`);
}

function withoutParts(uploads: Record<string, UploadRecord>): Record<string, UploadRecord> {
  return Object.fromEntries(
    Object.entries(uploads).map(([key, upload]) => [key, { ...upload, parts: {} }]),
  );
}

export class ResumeManifest {
  /** Saved to disk: a rerun continues an upload that failed. */
  readonly durable = true;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(
    readonly path: string,
    private readonly data: ManifestData,
  ) {}

  /** Loads the manifest for this pair, or starts an empty one (an unreadable file is ignored). */
  static async load(
    stateDir: string,
    source: string,
    destination: string,
  ): Promise<ResumeManifest> {
    const path = manifestPath(stateDir, source, destination);
    // A writer killed between its temp file and the rename leaves the temp file behind.
    const stale = (await readdir(stateDir).catch(() => [] as string[])).filter(
      (name) => name.startsWith(`${basename(path)}.`) && name.endsWith('.tmp'),
    );
    await Promise.all(stale.map((name) => rm(join(stateDir, name), { force: true })));
    const empty: ManifestData = { version: MANIFEST_VERSION, source, destination, uploads: {} };
    try {
      const json: unknown = JSON.parse(await readFile(path, 'utf8'));
      const parsed = ManifestFile.safeParse(json);
      const old = parsed.success ? undefined : ManifestFileV1.safeParse(json);
      const data: ManifestData | undefined = parsed.success
        ? parsed.data
        : old?.success
          ? { ...old.data, version: MANIFEST_VERSION, uploads: withoutParts(old.data.uploads) }
          : undefined;
      if (data && data.source === source && data.destination === destination) {
        return new ResumeManifest(path, data);
      }
    } catch {
      // missing or torn by an older writer: start over, the destination is checked anyway
    }
    return new ResumeManifest(path, empty);
  }

  upload(destinationKey: string): UploadRecord | undefined {
    return this.data.uploads[destinationKey];
  }

  startUpload(destinationKey: string, record: Omit<UploadRecord, 'parts'>): Promise<void> {
    this.data.uploads[destinationKey] = { ...record, parts: {} };
    return this.save();
  }

  finishPart(destinationKey: string, partNumber: number, part: PartRecord): Promise<void> {
    const upload = this.data.uploads[destinationKey];
    if (!upload) throw new Error(`no upload recorded for ${destinationKey}`);
    upload.parts[String(partNumber)] = part;
    return this.save();
  }

  forget(destinationKey: string): Promise<void> {
    delete this.data.uploads[destinationKey];
    return this.save();
  }

  get pendingUploads(): number {
    return Object.keys(this.data.uploads).length;
  }

  /**
   * Saves are serialised and coalesced: while one write is in flight, later changes wait and are
   * written together, so 64 parts finishing at once cost two writes, not 64.
   */
  save(): Promise<void> {
    if (this.dirty) return this.saving;
    this.dirty = true;
    this.saving = this.saving
      .catch(() => undefined)
      .then(async () => {
        this.dirty = false;
        if (Object.keys(this.data.uploads).length === 0) await rm(this.path, { force: true });
        else
          await writeFileAtomic(this.path, JSON.stringify(this.data), {
            tempPath: `${this.path}.${process.pid}.${Date.now()}.tmp`,
          });
      });
    return this.saving;
  }
}
