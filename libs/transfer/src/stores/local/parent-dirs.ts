import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { classifyFsError } from './fs-errors.js';

/**
 * Creates each destination directory once per transfer: thousands of small files in one folder
 * would otherwise pay a recursive mkdir each. A failed mkdir is forgotten, so a retry tries again.
 */
export class ParentDirectories {
  private readonly made = new Map<string, Promise<void>>();

  /** Ensures the directory holding `path` exists (the error names `path`). */
  ensure(path: string): Promise<void> {
    const parent = dirname(path);
    let made = this.made.get(parent);
    if (!made) {
      made = mkdir(parent, { recursive: true }).then(
        () => undefined,
        (error: unknown) => {
          this.made.delete(parent);
          throw classifyFsError(error, `write ${path}: cannot create its directory`);
        },
      );
      this.made.set(parent, made);
    }
    return made;
  }
}
