import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface TestProgram {
  /** File name, e.g. `closures-counter.js`. */
  name: string;
  source: string;
  language: 'js' | 'ts';
}

/** Every `.js` and `.ts` program in a directory, sorted by name so runs are reproducible. */
export async function loadPrograms(directory: string): Promise<TestProgram[]> {
  const names = (await readdir(directory)).filter((name) => /\.(js|ts)$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      source: await readFile(join(directory, name), 'utf8'),
      language: name.endsWith('.ts') ? ('ts' as const) : ('js' as const),
    })),
  );
}
