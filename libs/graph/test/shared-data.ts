import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The shared data folder next to the repository (or STRATA_SHARED_DIR). */
export const sharedDir = process.env.STRATA_SHARED_DIR ?? join(repoRoot, '..', 'shared');
export const checkmateGraphsDir = join(sharedDir, 'data', 'checkmate-graphs');
