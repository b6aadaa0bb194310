/**
 * `--remat-plan FILE`: the JSON of `strata remat plan --json`, recorded in the run metadata (which
 * file, its SHA-256, its top-level fields) beside being applied by the task (remat-training.ts).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { UsageError } from '@strata/cli';

export interface RematRecord {
  file: string;
  sha256: string;
  fields: string[];
}

export async function readRematPlan(file: string): Promise<RematRecord> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--remat-plan ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch {
    throw new UsageError(
      `--remat-plan ${file}: not JSON; give the output of 'strata remat plan --json'`,
    );
  }
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan)) {
    throw new UsageError(
      `--remat-plan ${file}: expected a JSON object from 'strata remat plan --json'`,
    );
  }
  return {
    file,
    sha256: createHash('sha256').update(text).digest('hex'),
    fields: Object.keys(plan).sort(),
  };
}
