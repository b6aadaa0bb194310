import { UsageError } from '@strata/cli';
import { parseError, parseProgram } from './ast.js';
import { DEFAULT_DEAD_CODE_SNIPPETS } from './dead-code-snippets.js';
import { isTransformName, TRANSFORMS, transformByName } from './registry.js';
import { createRng, deriveSeed } from './rng.js';
import { unsafeReason } from './safety.js';
import type { SourceType, TransformName, TransformResult } from './types.js';

export interface AugmentOptions {
  transforms: TransformName[] | 'all';
  seed: number;
  language?: 'js' | 'ts';
  filename?: string;
  deadCodeSnippets?: readonly string[];
}

/** Parses `all` or a comma list of names; an unknown name is a UsageError that lists the valid ones. */
export function transformNames(list: string | string[]): TransformName[] | 'all' {
  const items = (Array.isArray(list) ? list : [list])
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  const valid = `${TRANSFORMS.map((info) => info.name).join(', ')}, or all`;
  if (items.length === 0) throw new UsageError(`no transform named; use one or more of: ${valid}`);
  if (items.includes('all')) {
    if (items.length > 1) throw new UsageError(`'all' cannot be combined with other transforms; use 'all' alone or a list of: ${valid}`);
    return 'all';
  }
  const unknown = items.filter((item) => !isTransformName(item));
  if (unknown.length > 0) throw new UsageError(`unknown transform ${unknown.map((u) => `'${u}'`).join(', ')}; valid: ${valid}`);
  return items as TransformName[];
}

export function languageOf(filename: string | undefined): 'js' | 'ts' {
  return filename && /\.(ts|tsx|mts|cts)$/i.test(filename) && !/\.d\.ts$/i.test(filename) ? 'ts' : 'js';
}

/**
 * The order transforms run in. `all` is every semantics-preserving transform in a seeded random
 * order. TypeScript always has its types stripped first: the other transforms work on JavaScript.
 */
export function planTransforms(transforms: TransformName[] | 'all', language: 'js' | 'ts', seed: number): TransformName[] {
  let plan: TransformName[];
  if (transforms === 'all') {
    const pool = TRANSFORMS.filter((info) => info.preservesSemantics && info.name !== 'strip-types').map((info) => info.name);
    plan = createRng(deriveSeed(seed, 'order')).shuffle(pool);
  } else {
    plan = transforms.filter((name) => name !== 'strip-types');
    if (language === 'js' && transforms.includes('strip-types')) plan.unshift('strip-types');
  }
  return language === 'ts' ? ['strip-types', ...plan] : plan;
}

/**
 * Applies transforms in order, each with its own seeded random stream. Unsafe input (eval, with,
 * new Function) and syntax errors come back unchanged with the reason; a step whose output would
 * not parse is skipped with the reason, never returned.
 */
export async function augment(source: string, options: AugmentOptions): Promise<TransformResult> {
  const language = options.language ?? languageOf(options.filename);
  const seed = Math.trunc(options.seed) >>> 0;
  const plan = planTransforms(options.transforms, language, seed);
  const unchanged = (reason: string): TransformResult => ({
    code: source,
    changed: false,
    applied: [],
    skipped: plan.map((transform) => ({ transform, reason })),
  });

  let sourceType: SourceType;
  try {
    const ast = parseProgram(source, { typescript: language === 'ts' });
    const unsafe = unsafeReason(ast);
    if (unsafe) return unchanged(`unsafe input: ${unsafe}`);
    sourceType = ast.program.sourceType;
  } catch (error) {
    return unchanged(`syntax error: ${error instanceof Error ? error.message : String(error)}`);
  }

  const deadCodeSnippets = options.deadCodeSnippets ?? DEFAULT_DEAD_CODE_SNIPPETS;
  const applied: TransformName[] = [];
  const skipped: { transform: TransformName; reason: string }[] = [];
  let code = source;
  for (const [step, name] of plan.entries()) {
    if (name === 'strip-types' && language === 'js') {
      skipped.push({ transform: name, reason: 'input is JavaScript: no types to strip' });
      continue;
    }
    const transform = transformByName(name);
    let output: string;
    try {
      const rng = createRng(deriveSeed(seed, `${step}:${name}`));
      output = await transform.apply(code, { rng, sourceType, deadCodeSnippets });
    } catch (error) {
      skipped.push({ transform: name, reason: `failed: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    if (transform.info.preservesSemantics) {
      const problem = parseError(output, sourceType);
      if (problem) {
        skipped.push({ transform: name, reason: `output did not parse, kept the input: ${problem}` });
        continue;
      }
    }
    code = output;
    applied.push(name);
  }
  return { code, changed: code !== source, applied, ...(skipped.length > 0 ? { skipped } : {}) };
}
