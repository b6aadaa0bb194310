import { parse, type ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';

export type SourceLanguage = 'js' | 'ts';

/** File extensions the corpus reads; declaration files (.d.ts) are excluded by the walker. */
export const SOURCE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx'] as const;

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot).toLowerCase();
}

/** TypeScript for .ts/.mts/.cts/.tsx, JavaScript otherwise. */
export function languageOf(filename: string): SourceLanguage {
  return ['.ts', '.mts', '.cts', '.tsx'].includes(extensionOf(filename)) ? 'ts' : 'js';
}

/** TypeScript files get the typescript plugin, .jsx/.tsx the jsx plugin; plain .js is parsed as plain JS. */
export function parserPluginsFor(filename: string): ParserPlugin[] {
  const extension = extensionOf(filename);
  const plugins: ParserPlugin[] = [];
  if (languageOf(filename) === 'ts') plugins.push('typescript', 'decorators-legacy');
  if (extension === '.jsx' || extension === '.tsx') plugins.push('jsx');
  return plugins;
}

/**
 * Parses a whole file with Babel, strictly (no error recovery: a file Babel cannot parse is rejected,
 * never half-read). ES modules and CommonJS scripts alike; CommonJS may `return` at top level.
 * Tokens are kept so functions can be measured in Babel tokens.
 */
export function parseSource(source: string, filename: string): File {
  const parseAs = (sourceType: 'script' | 'module' | 'unambiguous', allowAwaitOutsideFunction: boolean): File =>
    parse(source, {
      sourceType,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction,
      allowImportExportEverywhere: false,
      errorRecovery: false,
      tokens: true,
      plugins: parserPluginsFor(filename),
    });
  // A script first, as Node runs a CommonJS file (`var await = 0;` is valid there), then a module;
  // last the lenient reading (top-level await in a file without import/export), whose error is reported.
  try {
    return parseAs('script', false);
  } catch {
    try {
      return parseAs('module', false);
    } catch {
      return parseAs('unambiguous', true);
    }
  }
}

/** Where a Babel syntax error points, 1-based line and column, or undefined for other errors. */
export function syntaxErrorLocation(error: unknown): { line: number; column: number } | undefined {
  if (typeof error !== 'object' || error === null || !('loc' in error)) return undefined;
  const loc = (error as { loc?: { line?: unknown; column?: unknown } }).loc;
  if (typeof loc?.line !== 'number' || typeof loc.column !== 'number') return undefined;
  return { line: loc.line, column: loc.column + 1 };
}

/** Babel's message without its trailing "(line:col)", which callers print in file:line:col form. */
export function syntaxErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\(\d+:\d+\)\s*$/, '');
}
