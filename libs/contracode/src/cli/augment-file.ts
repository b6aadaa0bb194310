import { readFile } from 'node:fs/promises';
import { UsageError } from '@strata/cli';
import { writeFileAtomic } from '@strata/transfer';
import { languageOf, parseSource, syntaxErrorLocation, syntaxErrorReason } from '../corpus/parse.js';
import { augment, transformNames, type TransformResult } from '../transforms/index.js';

export interface AugmentFileOptions {
  input: string;
  output?: string;
  transforms: string | string[];
  seed: number;
}

export interface AugmentFileResult extends TransformResult {
  language: 'js' | 'ts';
}

/** --out appears whole or not at all (@strata/transfer's atomic write: temporary file, fsync, rename). */
async function writeAtomically(target: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(target, text, { makeParents: false });
  } catch (error) {
    throw new UsageError(`cannot write --out '${target}': ${(error as Error).message}`);
  }
}

/**
 * `strata code augment`: one file through the named transforms (or all) for a seed. The language
 * comes from the file extension. A file that does not parse is bad input, reported as file:line:col.
 */
export async function augmentFile(options: AugmentFileOptions): Promise<AugmentFileResult> {
  const transforms = transformNames(options.transforms);
  if (!Number.isInteger(options.seed) || options.seed < 0) {
    throw new UsageError(`--seed ${options.seed} is not a whole number >= 0`);
  }
  let source: string;
  try {
    source = await readFile(options.input, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    throw new UsageError(`--in '${options.input}': ${why}; name a .js or .ts file`);
  }
  try {
    parseSource(source, options.input);
  } catch (error) {
    const where = syntaxErrorLocation(error);
    const position = where ? `:${where.line}:${where.column}` : '';
    throw new UsageError(`${options.input}${position}: ${syntaxErrorReason(error)} (the file does not parse; fix it or pick another)`);
  }
  const language = languageOf(options.input);
  const result = await augment(source, { transforms, seed: options.seed, language, filename: options.input });
  if (options.output !== undefined) await writeAtomically(options.output, ensureNewline(result.code));
  return { ...result, language };
}

export function ensureNewline(code: string): string {
  return code.endsWith('\n') ? code : `${code}\n`;
}
