import { createHash, type Hash } from 'node:crypto';
import type { Node } from '@babel/types';

/**
 * Dedup key for a function: sha256 of its normalised AST. Exactly what is normalised:
 * - identifier names (Identifier, JSXIdentifier; private names through their Identifier) are replaced
 *   by their order of first appearance in a fixed traversal, so consistently renamed copies collide
 *   but `(a, b) => a` and `(a, b) => b` do not;
 * - literal values (string, number, bigint, boolean, regular expression, template text, JSX text,
 *   directive) are replaced by their literal type;
 * - positions, comments, parentheses and raw spellings (Babel's `extra`) are dropped, so whitespace,
 *   comments, redundant parentheses and quote style do not matter;
 * - TypeScript types are dropped (annotations, return types, type parameters and arguments,
 *   accessibility, optional-parameter and definite-assignment marks; `x as T`, `<T>x`, `x satisfies T` and `x!` become
 *   `x`), so a package's TypeScript source and its compiled JavaScript count as one function.
 * Everything else (node types, operators, flags such as async/generator/computed) is kept.
 */
export function normalisedAstHash(node: Node): string {
  const hash = createHash('sha256');
  writeCanonical(node, hash, new Map());
  return hash.digest('hex');
}

const DROPPED_KEYS = new Set([
  'start',
  'end',
  'loc',
  'range',
  'extra',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'comments',
  'tokens',
]);

const TYPE_KEYS = new Set([
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'superTypeParameters',
  'superTypeArguments',
  'predicate',
  'accessibility',
  'definite',
]);

const TYPE_WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TSNonNullExpression']);

const LITERAL_TYPES = new Set([
  'StringLiteral',
  'NumericLiteral',
  'BigIntLiteral',
  'BooleanLiteral',
  'RegExpLiteral',
  'TemplateElement',
  'JSXText',
  'DirectiveLiteral',
  'DecimalLiteral',
]);

function canonicalName(name: string, names: Map<string, string>): string {
  let canonical = names.get(name);
  if (canonical === undefined) {
    canonical = `v${names.size}`;
    names.set(name, canonical);
  }
  return canonical;
}

function writeCanonical(value: unknown, hash: Hash, names: Map<string, string>): void {
  if (value === null || value === undefined) {
    hash.update('~');
    return;
  }
  if (Array.isArray(value)) {
    hash.update('[');
    for (const item of value) writeCanonical(item, hash, names);
    hash.update(']');
    return;
  }
  if (typeof value !== 'object') {
    hash.update(`${typeof value}:${String(value)};`);
    return;
  }
  const node = value as Record<string, unknown> & { type?: unknown };
  const type = typeof node.type === 'string' ? node.type : '';
  if (TYPE_WRAPPERS.has(type)) {
    writeCanonical(node.expression, hash, names);
    return;
  }
  hash.update(`(${type}`);
  if (LITERAL_TYPES.has(type)) {
    hash.update(')');
    return;
  }
  for (const key of Object.keys(node).sort()) {
    if (key === 'type' || DROPPED_KEYS.has(key) || TYPE_KEYS.has(key)) continue;
    if (key === 'optional' && type === 'Identifier') continue; // TS optional parameter `b?`
    const child = node[key];
    if (child === undefined) continue;
    hash.update(` ${key}=`);
    if (key === 'name' && (type === 'Identifier' || type === 'JSXIdentifier') && typeof child === 'string') {
      hash.update(canonicalName(child, names));
    } else {
      writeCanonical(child, hash, names);
    }
  }
  hash.update(')');
}
