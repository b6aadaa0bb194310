import { readdirSync } from 'node:fs';
import { hasSharedData, sharedDataPath } from '@strata/cli/testing';

export const checkmateGraphsDir = sharedDataPath('checkmate-graphs');

/** The graph files there, or none where the shared data is absent (their tests are skipped). */
export function checkmateGraphFiles(): string[] {
  return hasSharedData
    ? readdirSync(checkmateGraphsDir).filter((file) => file.endsWith('.json'))
    : [];
}
