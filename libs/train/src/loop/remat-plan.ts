/**
 * `--remat-plan FILE`: the JSON of `strata remat plan --json`. There is no TF.js executor for
 * remat plans yet, so the plan is recorded in the run metadata (which file, its SHA-256, its
 * top-level fields) and the log says plainly that it is not applied.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { UsageError } from '@strata/cli';

export interface RematRecord {
  file: string;
  sha256: string;
  fields: string[];
  applied: false;
}

export async function readRematPlan(
  file: string,
  log: (line: string) => void,
): Promise<RematRecord> {
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
  log(
    `remat plan ${file}: recorded in the run metadata, not applied (there is no TF.js executor for remat plans yet)`,
  );
  return {
    file,
    sha256: createHash('sha256').update(text).digest('hex'),
    fields: Object.keys(plan).sort(),
    applied: false,
  };
}
