/**
 * The GCS test server's data: buckets and objects on disk (so a killed server restarts with its
 * data), indexed in memory. Object bytes are written to a temporary file and renamed into place,
 * then the metadata file is replaced: an object is visible only once both exist.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface ObjectMeta {
  kind: 'storage#object';
  id: string;
  name: string;
  bucket: string;
  generation: string;
  metageneration: string;
  contentType: string;
  storageClass: 'STANDARD';
  size: string;
  /** Absent for composite objects, as on GCS. */
  md5Hash?: string;
  crc32c: string;
  etag: string;
  timeCreated: string;
  updated: string;
  componentCount?: number;
}

export interface BucketMeta {
  kind: 'storage#bucket';
  id: string;
  name: string;
  projectNumber: string;
  location: 'US';
  storageClass: 'STANDARD';
  metageneration: '1';
  etag: string;
  timeCreated: string;
  updated: string;
}

export interface UploadSession {
  id: string;
  bucket: string;
  name: string;
  contentType: string;
  /** Total size when the client declared it up front (X-Upload-Content-Length). */
  declaredSize?: number;
}

let lastGeneration = 0;
/** Microsecond timestamps, strictly increasing, like GCS generations. */
export function nextGeneration(): string {
  lastGeneration = Math.max(lastGeneration + 1, Date.now() * 1000);
  return String(lastGeneration);
}

export class GcsData {
  private readonly buckets = new Map<
    string,
    { meta: BucketMeta; objects: Map<string, ObjectMeta> }
  >();
  private readonly sessions = new Map<string, UploadSession>();

  private constructor(readonly directory: string) {}

  static async open(directory: string): Promise<GcsData> {
    const data = new GcsData(directory);
    await mkdir(join(directory, 'tmp'), { recursive: true });
    await mkdir(join(directory, 'uploads'), { recursive: true });
    await mkdir(join(directory, 'b'), { recursive: true });
    for (const bucket of await readdir(join(directory, 'b'))) {
      const meta = JSON.parse(
        await readFile(join(directory, 'b', bucket, 'bucket.json'), 'utf8'),
      ) as BucketMeta;
      const objects = new Map<string, ObjectMeta>();
      for (const file of await readdir(join(directory, 'b', bucket, 'o'))) {
        if (!file.endsWith('.json')) continue;
        const object = JSON.parse(
          await readFile(join(directory, 'b', bucket, 'o', file), 'utf8'),
        ) as ObjectMeta;
        if (existsSync(data.dataPath(bucket, object.name, object.generation)))
          objects.set(object.name, object);
        lastGeneration = Math.max(lastGeneration, Number(object.generation));
      }
      data.buckets.set(bucket, { meta, objects });
    }
    for (const file of await readdir(join(directory, 'uploads'))) {
      if (!file.endsWith('.json')) continue;
      const session = JSON.parse(
        await readFile(join(directory, 'uploads', file), 'utf8'),
      ) as UploadSession;
      data.sessions.set(session.id, session);
    }
    return data;
  }

  bucket(name: string): BucketMeta | undefined {
    return this.buckets.get(name)?.meta;
  }

  async createBucket(name: string): Promise<BucketMeta> {
    const now = new Date().toISOString();
    const meta: BucketMeta = {
      kind: 'storage#bucket',
      id: name,
      name,
      projectNumber: '0',
      location: 'US',
      storageClass: 'STANDARD',
      metageneration: '1',
      etag: 'CAE=',
      timeCreated: now,
      updated: now,
    };
    await mkdir(join(this.directory, 'b', name, 'o'), { recursive: true });
    await writeAtomically(
      join(this.directory, 'b', name, 'bucket.json'),
      JSON.stringify(meta),
      this.tempPath(),
    );
    this.buckets.set(name, { meta, objects: new Map() });
    return meta;
  }

  async deleteBucket(name: string): Promise<void> {
    await rm(join(this.directory, 'b', name), { recursive: true, force: true });
    this.buckets.delete(name);
  }

  objects(bucket: string): Map<string, ObjectMeta> {
    return this.buckets.get(bucket)?.objects ?? new Map();
  }

  object(bucket: string, name: string): ObjectMeta | undefined {
    return this.buckets.get(bucket)?.objects.get(name);
  }

  objectDataPath(object: ObjectMeta): string {
    return this.dataPath(object.bucket, object.name, object.generation);
  }

  /** A fresh path for bytes on their way in; same filesystem as the objects, so rename is atomic. */
  tempPath(): string {
    return join(this.directory, 'tmp', randomBytes(12).toString('hex'));
  }

  /** Makes the bytes at `tempFile` the new generation of `name` and drops the old generation. */
  async commitObject(
    bucket: string,
    name: string,
    tempFile: string,
    fields: {
      size: number;
      crc32c: string;
      md5Hash?: string;
      contentType: string;
      componentCount?: number;
    },
  ): Promise<ObjectMeta> {
    const entry = this.buckets.get(bucket);
    if (!entry) throw new Error(`bucket ${bucket} vanished`);
    const generation = nextGeneration();
    const now = new Date().toISOString();
    const meta: ObjectMeta = {
      kind: 'storage#object',
      id: `${bucket}/${name}/${generation}`,
      name,
      bucket,
      generation,
      metageneration: '1',
      contentType: fields.contentType,
      storageClass: 'STANDARD',
      size: String(fields.size),
      crc32c: fields.crc32c,
      etag: Buffer.from(generation).toString('base64'),
      timeCreated: now,
      updated: now,
    };
    if (fields.md5Hash !== undefined) meta.md5Hash = fields.md5Hash;
    if (fields.componentCount !== undefined) meta.componentCount = fields.componentCount;
    await rename(tempFile, this.dataPath(bucket, name, generation));
    await writeAtomically(this.metaPath(bucket, name), JSON.stringify(meta), this.tempPath());
    const previous = entry.objects.get(name);
    entry.objects.set(name, meta);
    if (previous) await rm(this.dataPath(bucket, name, previous.generation), { force: true });
    return meta;
  }

  async deleteObject(bucket: string, name: string): Promise<boolean> {
    const previous = this.object(bucket, name);
    if (!previous) return false;
    await rm(this.metaPath(bucket, name), { force: true });
    this.buckets.get(bucket)?.objects.delete(name);
    await rm(this.dataPath(bucket, name, previous.generation), { force: true });
    return true;
  }

  session(id: string): UploadSession | undefined {
    return this.sessions.get(id);
  }

  sessionDataPath(id: string): string {
    return join(this.directory, 'uploads', `${id}.data`);
  }

  async createSession(session: Omit<UploadSession, 'id'>): Promise<UploadSession> {
    const full: UploadSession = { ...session, id: randomBytes(16).toString('hex') };
    await writeFile(this.sessionDataPath(full.id), '');
    await writeAtomically(
      join(this.directory, 'uploads', `${full.id}.json`),
      JSON.stringify(full),
      this.tempPath(),
    );
    this.sessions.set(full.id, full);
    return full;
  }

  async endSession(id: string): Promise<void> {
    this.sessions.delete(id);
    await rm(join(this.directory, 'uploads', `${id}.json`), { force: true });
    await rm(this.sessionDataPath(id), { force: true });
  }

  private objectBase(bucket: string, name: string): string {
    return join(this.directory, 'b', bucket, 'o', createHash('sha256').update(name).digest('hex'));
  }

  private metaPath(bucket: string, name: string): string {
    return `${this.objectBase(bucket, name)}.json`;
  }

  private dataPath(bucket: string, name: string, generation: string): string {
    return `${this.objectBase(bucket, name)}.${generation}.data`;
  }
}

async function writeAtomically(path: string, text: string, temp: string): Promise<void> {
  await writeFile(temp, text);
  await rename(temp, path);
}
