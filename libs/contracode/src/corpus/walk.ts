import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { SOURCE_EXTENSIONS } from './parse.js';

/** A code file the corpus will read, with its path relative to the walk root (POSIX separators). */
export interface SourceFile {
  path: string;
  relativePath: string;
  bytes: number;
}

export interface WalkResult {
  files: SourceFile[];
  /** Files with a code extension, before any is skipped. */
  seen: number;
  skippedDeclaration: number;
  skippedTooLarge: number;
  /** The same file reached again through a symbolic link. */
  skippedAlias: number;
}

function isCodeFile(name: string): boolean {
  return SOURCE_EXTENSIONS.some((extension) => name.endsWith(extension));
}

function isDeclarationFile(name: string): boolean {
  return /\.d\.[cm]?ts$/.test(name) || /\.d\.[^.]+\.ts$/.test(name);
}

/**
 * Lists JavaScript and TypeScript files under `root` in a fixed (sorted) order. Symbolic links are
 * followed, but each real directory and file is visited once, so a link back up the tree (a loop) or
 * a second link to the same package adds nothing. Declaration files and files over `maxFileBytes`
 * are counted and left out.
 */
export async function walkSourceFiles(root: string, options: { maxFileBytes: number }): Promise<WalkResult> {
  const result: WalkResult = { files: [], seen: 0, skippedDeclaration: 0, skippedTooLarge: 0, skippedAlias: 0 };
  const visitedDirectories = new Set<string>();
  const visitedFiles = new Set<string>();

  async function visitDirectory(directory: string, relative: string): Promise<void> {
    const real = await realpath(directory).catch(() => undefined);
    if (real === undefined || visitedDirectories.has(real)) return;
    visitedDirectories.add(real);
    const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      const relativePath = relative === '' ? entry.name : `${relative}/${entry.name}`;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(full).catch(() => undefined); // a dangling link is ignored
        isDirectory = target?.isDirectory() ?? false;
        isFile = target?.isFile() ?? false;
      }
      if (isDirectory) {
        await visitDirectory(full, relativePath);
      } else if (isFile && isCodeFile(entry.name)) {
        await visitFile(full, relativePath, entry.name);
      }
    }
  }

  async function visitFile(full: string, relativePath: string, name: string): Promise<void> {
    result.seen += 1;
    if (isDeclarationFile(name)) {
      result.skippedDeclaration += 1;
      return;
    }
    const real = await realpath(full).catch(() => undefined);
    if (real === undefined) return;
    if (visitedFiles.has(real)) {
      result.skippedAlias += 1;
      return;
    }
    visitedFiles.add(real);
    const info = await stat(real).catch(() => undefined);
    if (info === undefined) return;
    const size = info.size;
    if (size > options.maxFileBytes) {
      result.skippedTooLarge += 1;
      return;
    }
    result.files.push({ path: full, relativePath, bytes: size });
  }

  await visitDirectory(root, '');
  return result;
}
