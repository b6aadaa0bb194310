import { cp, mkdtemp, readdir, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_TREE = fileURLToPath(new URL('./fixtures/tree', import.meta.url));

/** Copies the fixture tree to a fresh temporary directory, dropping the `.txt` suffix of its code files. */
export async function copyFixtureTree(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'contracode-tree-'));
  await cp(FIXTURE_TREE, root, { recursive: true });
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (entry.isFile() && entry.name.endsWith('.txt')) {
      const file = path.join(entry.parentPath, entry.name);
      await rename(file, file.slice(0, -'.txt'.length));
    }
  }
  return root;
}
