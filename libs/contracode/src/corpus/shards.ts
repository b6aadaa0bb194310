import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { CorpusDestination } from './destination.js';
import type { CorpusRecord, ShardEntry } from './manifest.js';
import type { Split } from './packages.js';

const gzip = promisify(gzipCallback);

/** The object name of a shard: `train-00000.jsonl` (`.gz` when compressed). */
export function shardName(split: Split, index: number, gzipped: boolean): string {
  return `${split}-${String(index).padStart(5, '0')}.jsonl${gzipped ? '.gz' : ''}`;
}

/**
 * Collects the records of one split into JSONL shards of `shardSize` lines, writes each full shard
 * to the destination and remembers its name, line count, size and sha256 (of the stored bytes, so
 * compressed shards are verified as stored).
 */
export class ShardWriter {
  private lines: string[] = [];
  private index = 0;
  readonly written: ShardEntry[] = [];
  records = 0;

  constructor(
    private readonly split: Split,
    private readonly destination: CorpusDestination,
    private readonly options: { shardSize: number; gzip: boolean },
  ) {}

  async add(record: CorpusRecord): Promise<void> {
    this.lines.push(`${JSON.stringify(record)}\n`);
    this.records += 1;
    if (this.lines.length >= this.options.shardSize) await this.flush();
  }

  /** Writes the partial shard, if any. */
  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const text = Buffer.from(this.lines.join(''), 'utf8');
    const body = this.options.gzip ? await gzip(text, { level: 6 }) : text;
    const name = shardName(this.split, this.index, this.options.gzip);
    await this.destination.write(name, body);
    this.written.push({
      name,
      split: this.split,
      lines: this.lines.length,
      bytes: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
    });
    this.index += 1;
    this.lines = [];
  }
}
