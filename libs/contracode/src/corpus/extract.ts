import { traverseFast, type File, type Node } from '@babel/types';
import { normalisedAstHash } from './normalise.js';
import type { FunctionKind } from './program-form.js';

/** One function or method found in a file, with its exact source text. */
export interface ExtractedFunction {
  kind: FunctionKind;
  /** The declared name of a function declaration: it anchors the function in transformed programs. */
  name?: string;
  /** 1-based line of the function's first character. */
  line: number;
  source: string;
  /** Babel tokens in the function, comments excluded. */
  tokens: number;
  /** sha256 of the normalised AST (see normalise.ts). */
  hash: string;
}

function kindOf(node: Node): FunctionKind | undefined {
  switch (node.type) {
    case 'FunctionDeclaration':
      // `export default function () {}` has no name: as text it is an expression, not a declaration.
      return node.id ? 'function-declaration' : 'function-expression';
    case 'FunctionExpression':
      return 'function-expression';
    case 'ArrowFunctionExpression':
      // Expression-bodied arrows are mostly one-line callbacks; the corpus keeps block bodies only.
      return node.body.type === 'BlockStatement' ? 'arrow' : undefined;
    case 'ClassMethod':
    case 'ClassPrivateMethod':
      return 'class-method';
    case 'ObjectMethod':
      return 'object-method';
    default:
      return undefined;
  }
}

/** Start offsets of the file's code tokens (comments and end-of-file excluded), ascending. */
function codeTokenStarts(file: File): number[] {
  const starts: number[] = [];
  for (const token of (file.tokens ?? []) as { type: unknown; start: number }[]) {
    const type = token.type;
    if (type === 'CommentLine' || type === 'CommentBlock') continue;
    if (typeof type === 'object' && type !== null && (type as { label?: string }).label === 'eof') continue;
    starts.push(token.start);
  }
  return starts;
}

/** Index of the first element >= value in an ascending array. */
function lowerBound(values: number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Every function and method in a parsed file, nested ones included (an inner function is a training
 * example of its own), outer before inner, kept when its token count is within [minTokens, maxTokens].
 */
export function extractFunctions(
  file: File,
  source: string,
  limits: { minTokens: number; maxTokens: number },
): { functions: ExtractedFunction[]; found: number; tooShort: number; tooLong: number } {
  const tokenStarts = codeTokenStarts(file);
  const functions: ExtractedFunction[] = [];
  let found = 0;
  let tooShort = 0;
  let tooLong = 0;
  traverseFast(file.program, (node) => {
    const kind = kindOf(node);
    if (!kind || node.start == null || node.end == null || !node.loc) return;
    found += 1;
    const tokens = lowerBound(tokenStarts, node.end) - lowerBound(tokenStarts, node.start);
    if (tokens < limits.minTokens) {
      tooShort += 1;
      return;
    }
    if (tokens > limits.maxTokens) {
      tooLong += 1;
      return;
    }
    const name = node.type === 'FunctionDeclaration' ? node.id?.name : undefined;
    functions.push({
      kind,
      ...(name ? { name } : {}),
      line: node.loc.start.line,
      source: source.slice(node.start, node.end),
      tokens,
      hash: normalisedAstHash(node),
    });
  });
  return { functions, found, tooShort, tooLong };
}
