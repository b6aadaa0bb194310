import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '@strata/cli';

export type Split = 'train' | 'valid' | 'test';
export const SPLITS: readonly Split[] = ['train', 'valid', 'test'];

/** Files with no named package.json above them belong to this package. */
export const UNNAMED_PACKAGE = '(unnamed)';

/**
 * Finds the package a file belongs to: the `name` of the nearest package.json above it that has one
 * (nested package.json files such as `dist/esm/package.json` often carry only `type`). One lookup per
 * directory, cached.
 */
export class PackageResolver {
  private readonly byDirectory = new Map<string, string>();

  packageOf(file: string): string {
    return this.packageOfDirectory(path.dirname(path.resolve(file)));
  }

  private packageOfDirectory(directory: string): string {
    const cached = this.byDirectory.get(directory);
    if (cached !== undefined) return cached;
    const name = readPackageName(path.join(directory, 'package.json'));
    const parent = path.dirname(directory);
    const resolved = name ?? (parent === directory ? UNNAMED_PACKAGE : this.packageOfDirectory(parent));
    this.byDirectory.set(directory, resolved);
    return resolved;
  }
}

function readPackageName(file: string): string | undefined {
  try {
    const manifest: unknown = JSON.parse(readFileSync(file, 'utf8'));
    const name = (manifest as { name?: unknown } | null)?.name;
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined; // absent or not JSON: look further up
  }
}

/** Percentages of packages (not functions) per split; they sum to 100. */
export interface SplitRatios {
  train: number;
  valid: number;
  test: number;
}

export const DEFAULT_SPLIT: SplitRatios = { train: 90, valid: 5, test: 5 };

/** Parses `90/5/5` (train/valid/test percentages). */
export function parseSplitRatios(text: string): SplitRatios {
  const parts = text.split('/').map((part) => Number(part.trim()));
  const [train, valid, test] = parts;
  if (
    parts.length !== 3 ||
    train === undefined ||
    valid === undefined ||
    test === undefined ||
    parts.some((part) => !Number.isFinite(part) || part < 0) ||
    Math.abs(train + valid + test - 100) > 1e-9
  ) {
    throw new UsageError(`--split '${text}' is not train/valid/test percentages summing to 100, like 90/5/5`);
  }
  return { train, valid, test };
}

/**
 * The split of a package, from a hash of its name alone: the same package always lands in the same
 * split, on any machine and in any run, so no package is in two splits.
 */
export function splitOfPackage(packageName: string, ratios: SplitRatios): Split {
  const digest = createHash('sha256').update(packageName).digest();
  const fraction = digest.readUInt32BE(0) / 2 ** 32; // uniform in [0, 1)
  const percent = fraction * 100;
  if (percent < ratios.train) return 'train';
  if (percent < ratios.train + ratios.valid) return 'valid';
  return 'test';
}
