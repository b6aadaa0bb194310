import { UsageError } from './errors.js';

// Decimal units are powers of 1000 and binary units powers of 1024, as `12GB` and `512MiB` are written.
const UNIT_BYTES: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  pb: 1e15,
  k: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1024 ** 4,
  tib: 1024 ** 4,
  pib: 1024 ** 5,
};

const SIZE_PATTERN = /^\s*(\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i;

/** Parses `1234`, `12GB`, `512MiB`, `1.5 TB` to a whole number of bytes. */
export function parseSize(text: string, what = 'size'): number {
  const match = SIZE_PATTERN.exec(text);
  if (!match) {
    throw new UsageError(
      `${what} '${text}' is not a size: write a byte count or a number with a unit, like 12GB or 512MiB`,
    );
  }
  const unit = (match[2] ?? '').toLowerCase();
  const factor = unit === '' ? 1 : UNIT_BYTES[unit];
  if (factor === undefined) {
    throw new UsageError(
      `${what} '${text}' has an unknown unit '${match[2]}': use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB`,
    );
  }
  const bytes = Number(match[1]) * factor;
  if (!Number.isFinite(bytes)) throw new UsageError(`${what} '${text}' is too large`);
  return Math.round(bytes);
}

/** Formats bytes for people: binary units, three significant digits. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = Math.abs(bytes);
  let index = 0;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  const sign = bytes < 0 ? '-' : '';
  const digits = index === 0 ? 0 : value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${sign}${value.toFixed(digits)} ${units[index]}`;
}
