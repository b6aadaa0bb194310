/**
 * A network profile: the regions, the profiled throughput between every pair and the egress price
 * of every pair. Built from CSV text in Skyplane's formats (pure: the files are read elsewhere).
 *
 * Skyplane's quirks kept here: throughput is in bits/s; only PREMIUM→PREMIUM rows count and, where a
 * pair is profiled twice, the first row wins; the region set is every region named in any row (as
 * Skyplane's solver builds it); the AWS price table names regions without the `aws:` prefix and
 * prices traffic to other clouds as `internet`.
 */
import { UsageError } from '@strata/cli';
import { csvRows, type CsvRow } from './csv-rows.js';

export interface NetworkProfile {
  /** Region names (`aws:us-east-1`, `gcp:us-central1-a`, `azure:westus`), sorted as Skyplane sorts them. */
  readonly regions: readonly string[];
  /** Profiled throughput in bits/s, row-major regions × regions (source row, destination column); 0 where not profiled. */
  readonly throughputBps: Float64Array;
  /** Egress price in USD per GB (unrounded), row-major regions × regions; 0 on the diagonal. */
  readonly egressUsdPerGb: Float64Array;
}

export const PROVIDERS = ['aws', 'gcp', 'azure'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** The CSV text of one profile; `name` says which file in error messages. */
export interface CsvText {
  readonly name: string;
  readonly text: string;
}

/** What a profile is assembled from: the throughput grid and at least one price table. */
export interface ProfileSources {
  readonly throughput: CsvText;
  /** The price grid (`src,dest[,src_tier,dest_tier],cost`), Skyplane's `profiles/cost.csv`. */
  readonly priceGrid?: CsvText;
  /** AWS's egress table (`src,dst,cost`, regions without `aws:`), Skyplane's `aws_transfer_costs.csv`. */
  readonly awsPriceTable?: CsvText;
}

type Row = CsvRow;

function readRows(file: CsvText, required: readonly string[], alternatives: Record<string, string> = {}): Row[] {
  let rows: Row[];
  try {
    rows = csvRows(file.text);
  } catch (error) {
    throw new UsageError(`${file.name}: not valid CSV (${(error as Error).message}); fix the file or point --profile elsewhere`);
  }
  const header = rows.length > 0 ? Object.keys(rows[0] as Row) : firstLineColumns(file.text);
  const missing = required.filter((column) => !header.includes(column) && !header.includes(alternatives[column] ?? column));
  if (missing.length > 0) {
    throw new UsageError(
      `${file.name}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (has ${header.join(', ') || 'no header'}); ` +
        'a profile needs Skyplane\'s columns',
    );
  }
  if (rows.length === 0) throw new UsageError(`${file.name}: has a header but no rows; a profile needs at least one pair`);
  return rows;
}

function firstLineColumns(text: string): string[] {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.split(',').map((column) => column.trim()).filter((column) => column !== '');
}

function column(row: Row, name: string, alternatives: Record<string, string>): string {
  return row[name] ?? row[alternatives[name] ?? name] ?? '';
}

function nonNegativeNumber(file: CsvText, rowIndex: number, name: string, text: string): number {
  const value = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new UsageError(`${file.name} row ${rowIndex + 2}: ${name} '${text}' is not a non-negative number; fix that row`);
  }
  return value;
}

function checkRegionName(file: CsvText, rowIndex: number, region: string): string {
  const provider = region.split(':', 1)[0] as Provider;
  if (!PROVIDERS.includes(provider) || region.indexOf(':') < 1 || region.endsWith(':')) {
    throw new UsageError(
      `${file.name} row ${rowIndex + 2}: region '${region}' is not provider:name with provider aws, gcp or azure`,
    );
  }
  return region;
}

function isPremium(tier: string | undefined): boolean {
  return tier === undefined || tier === '' || tier === 'PREMIUM';
}

interface ThroughputGrid {
  regions: string[];
  bitsPerSecond: Map<string, number>;
}

const pairKey = (src: string, dst: string) => `${src}\u0000${dst}`;

function parseThroughput(file: CsvText): ThroughputGrid {
  const rows = readRows(file, ['src_region', 'dst_region', 'throughput_sent']);
  const regions = new Set<string>();
  const bitsPerSecond = new Map<string, number>();
  rows.forEach((row, index) => {
    const src = checkRegionName(file, index, row.src_region ?? '');
    const dst = checkRegionName(file, index, row.dst_region ?? '');
    regions.add(src).add(dst);
    if (!isPremium(row.src_tier) || !isPremium(row.dst_tier)) return;
    const value = nonNegativeNumber(file, index, 'throughput_sent', row.throughput_sent ?? '');
    const key = pairKey(src, dst);
    if (!bitsPerSecond.has(key)) bitsPerSecond.set(key, value);
  });
  return { regions: [...regions].sort(), bitsPerSecond };
}

const PRICE_GRID_ALTERNATIVES = { dest: 'dst', dest_tier: 'dst_tier' };

function parsePriceGrid(file: CsvText, gridRegions: ReadonlySet<string>): Map<string, number> {
  const rows = readRows(file, ['src', 'dest', 'cost'], PRICE_GRID_ALTERNATIVES);
  const prices = new Map<string, number>();
  rows.forEach((row, index) => {
    const src = checkRegionName(file, index, column(row, 'src', PRICE_GRID_ALTERNATIVES));
    const dst = checkRegionName(file, index, column(row, 'dest', PRICE_GRID_ALTERNATIVES));
    for (const region of [src, dst]) {
      if (!gridRegions.has(region)) {
        throw new UsageError(
          `${file.name} row ${index + 2}: region '${region}' has a price but is not in the throughput grid; profile it or drop its rows`,
        );
      }
    }
    if (!isPremium(row.src_tier) || !isPremium(column(row, 'dest_tier', PRICE_GRID_ALTERNATIVES))) return;
    const cost = nonNegativeNumber(file, index, 'cost', row.cost ?? '');
    const key = pairKey(src, dst);
    if (!prices.has(key)) prices.set(key, cost);
  });
  return prices;
}

/** AWS's table: `src,dst,cost` keyed by bare AWS region names; `dst=internet` is egress to other clouds. */
interface AwsPriceTable {
  byPair: Map<string, number>;
  /** Per source: the dearest price to another AWS region, Skyplane's fallback for an unlisted pair. */
  dearestAws: Map<string, number>;
}

function parseAwsPriceTable(file: CsvText): AwsPriceTable {
  const rows = readRows(file, ['src', 'dst', 'cost']);
  const byPair = new Map<string, number>();
  const dearestAws = new Map<string, number>();
  rows.forEach((row, index) => {
    const src = row.src ?? '';
    const dst = row.dst ?? '';
    if (src === '' || dst === '' || src.includes(':') || dst.includes(':')) {
      throw new UsageError(
        `${file.name} row ${index + 2}: AWS regions are named without a prefix (us-east-1, not aws:us-east-1), got '${src}' -> '${dst}'`,
      );
    }
    const cost = nonNegativeNumber(file, index, 'cost', row.cost ?? '');
    const key = pairKey(src, dst);
    if (!byPair.has(key)) byPair.set(key, cost);
    if (dst !== 'internet') dearestAws.set(src, Math.max(dearestAws.get(src) ?? 0, cost));
  });
  return { byPair, dearestAws };
}

function awsPrice(table: AwsPriceTable, src: string, dst: string): number | undefined {
  const bareSrc = src.slice('aws:'.length);
  if (dst.startsWith('aws:')) {
    return table.byPair.get(pairKey(bareSrc, dst.slice('aws:'.length))) ?? table.dearestAws.get(bareSrc);
  }
  return table.byPair.get(pairKey(bareSrc, 'internet'));
}

/**
 * Assembles a profile. A pair's price comes from the price grid when it lists the pair, else (an
 * AWS source) from the AWS table; a pair with no price anywhere is an error naming it.
 */
export function buildProfile(sources: ProfileSources): NetworkProfile {
  if (sources.priceGrid === undefined && sources.awsPriceTable === undefined) {
    throw new UsageError('a profile needs egress prices: cost.csv (every pair) or aws_transfer_costs.csv (AWS sources)');
  }
  const grid = parseThroughput(sources.throughput);
  const { regions } = grid;
  const regionSet = new Set(regions);
  const priceGrid = sources.priceGrid ? parsePriceGrid(sources.priceGrid, regionSet) : new Map<string, number>();
  const awsTable = sources.awsPriceTable ? parseAwsPriceTable(sources.awsPriceTable) : undefined;
  const n = regions.length;
  const throughputBps = new Float64Array(n * n);
  const egressUsdPerGb = new Float64Array(n * n);
  regions.forEach((src, i) => {
    regions.forEach((dst, j) => {
      if (i === j) return;
      const key = pairKey(src, dst);
      throughputBps[i * n + j] = grid.bitsPerSecond.get(key) ?? 0;
      const price = priceGrid.get(key) ?? (awsTable && src.startsWith('aws:') ? awsPrice(awsTable, src, dst) : undefined);
      if (price === undefined) {
        const where = src.startsWith('aws:') ? 'cost.csv or aws_transfer_costs.csv' : 'cost.csv';
        throw new UsageError(`profile has no egress price for ${src} -> ${dst}: add it to ${where}`);
      }
      egressUsdPerGb[i * n + j] = price;
    });
  });
  return { regions, throughputBps, egressUsdPerGb };
}

export function providerOf(region: string): Provider {
  return region.split(':', 1)[0] as Provider;
}
