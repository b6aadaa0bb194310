/**
 * The shared reference data (Checkmate's graphs, Skyplane's profiles, a test262 sample) lives beside
 * the checkout in `../shared`, or wherever STRATA_SHARED_DIR points. CI always has it; a user's clone
 * never does. Tests that need it are skipped there with one line saying how to provide it, and fail in
 * CI (CI=true), where its absence means the run checks less than it claims.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));

/** Where the shared data is looked for: STRATA_SHARED_DIR, else `../shared` beside the checkout. */
export const sharedDataRoot: string = process.env.STRATA_SHARED_DIR
  ? resolve(process.env.STRATA_SHARED_DIR)
  : join(repoRoot, '..', 'shared');

/** True when the shared data is present (its `data` folder exists). */
export const hasSharedData: boolean = existsSync(join(sharedDataRoot, 'data'));

const inCi = process.env.CI === 'true';

function missingLine(what: string): string {
  return (
    `${what} needs the shared reference data, not found at ${sharedDataRoot}: ` +
    'set STRATA_SHARED_DIR to a copy of shared/ to run it'
  );
}

/** A path below `shared/data`, e.g. `sharedDataPath('skyplane', 'throughput.csv')`. */
export function sharedDataPath(...parts: string[]): string {
  return join(sharedDataRoot, 'data', ...parts);
}

let toldOnce = false;

/**
 * `describe` for tests that read the shared data: runs them where it is present; without it,
 * skips the block with one line on stderr (a user's clone), or fails (CI).
 */
export function describeWithSharedData(name: string, body: () => void): void {
  if (hasSharedData) {
    describe(name, body);
    return;
  }
  if (inCi) {
    describe(name, () => {
      it('has the shared reference data', () => {
        throw new Error(missingLine(name));
      });
    });
    return;
  }
  if (!toldOnce) {
    process.stderr.write(`skipped: ${missingLine(name)}\n`);
    toldOnce = true;
  }
  // The body is not run: its tables (it.each over the data's files) would be empty.
  describe(name, () => {
    it.skip('needs the shared reference data (STRATA_SHARED_DIR)', () => {});
  });
}

/** `it` for one test that reads the shared data, inside a describe that mostly does not. */
export function itWithSharedData(name: string, body: () => unknown, timeout?: number): void {
  if (hasSharedData) {
    it(name, body as jest.ProvidesCallback, timeout);
    return;
  }
  if (inCi) {
    it(name, () => {
      throw new Error(missingLine(name));
    });
    return;
  }
  if (!toldOnce) {
    process.stderr.write(`skipped: ${missingLine(name)}\n`);
    toldOnce = true;
  }
  it.skip(name, body as jest.ProvidesCallback);
}
