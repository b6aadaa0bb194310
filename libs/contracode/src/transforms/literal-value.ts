import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { isAnonymousFunctionDefinition } from './function-names.js';

export type LiteralValue = string | number | boolean | bigint | null | undefined;

/**
 * The value of a node built only from literals (`1`, `-2`, `"s"`, `` `t` ``, `!0`, `void 0`),
 * or null when it reads any name: a name may be shadowed, in its TDZ, or a getter.
 */
export function literalValue(node: t.Node): { value: LiteralValue } | null {
  switch (node.type) {
    case 'NumericLiteral':
    case 'StringLiteral':
    case 'BooleanLiteral':
      return { value: node.value };
    case 'NullLiteral':
      return { value: null };
    case 'BigIntLiteral':
      return { value: BigInt(node.value) };
    case 'TemplateLiteral':
      if (node.expressions.length > 0) return null;
      return node.quasis[0]?.value.cooked == null ? null : { value: node.quasis[0].value.cooked };
    case 'UnaryExpression': {
      if (node.operator === 'delete' || node.operator === 'typeof') return null;
      const inner = literalValue(node.argument);
      if (!inner) return null;
      try {
        return { value: applyUnary(node.operator, inner.value) };
      } catch {
        return null;
      }
    }
    default:
      return null;
  }
}

export function applyUnary(operator: string, value: LiteralValue): LiteralValue {
  switch (operator) {
    case '!':
      return !value;
    case '-':
      return -(value as number);
    case '+':
      return +(value as number);
    case '~':
      return ~(value as number);
    case 'void':
      return undefined;
    case 'typeof':
      return typeof value;
    default:
      throw new Error(`unsupported unary operator ${operator}`);
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_FOLDED_STRING = 1000;

/** A literal node for a value, or null when the value has no safe literal spelling. */
export function valueToLiteral(value: LiteralValue): t.Expression | null {
  switch (typeof value) {
    case 'number':
      // NaN and Infinity are names that a program may shadow; leave them unfolded.
      if (!Number.isFinite(value)) return null;
      if (Object.is(value, -0)) return t.unaryExpression('-', t.numericLiteral(0));
      return value < 0 ? t.unaryExpression('-', t.numericLiteral(-value)) : t.numericLiteral(value);
    case 'string':
      if (value.length > MAX_FOLDED_STRING || LONE_SURROGATE.test(value)) return null;
      return t.stringLiteral(value);
    case 'boolean':
      return t.booleanLiteral(value);
    case 'bigint':
      return value < 0n ? t.unaryExpression('-', t.bigIntLiteral(String(-value))) : t.bigIntLiteral(String(value));
    case 'object':
      return value === null ? t.nullLiteral() : null;
    default:
      return null;
  }
}

/**
 * Whether `path` can be replaced by `replacement` without changing what the surrounding code
 * sees: a member expression moved into callee position would change `this`, `delete` and
 * `typeof` behave differently on references, an anonymous function would gain an inferred name,
 * a string alone in a statement could turn into a directive.
 */
export function canReplace(path: NodePath, replacement: t.Node): boolean {
  const parent = path.parent;
  if (t.isExpressionStatement(parent) && t.isStringLiteral(replacement)) return false;
  if (isAnonymousFunctionDefinition(replacement)) return false;
  if (t.isOptionalMemberExpression(replacement) || t.isOptionalCallExpression(replacement)) return false;
  const isReference = t.isMemberExpression(replacement) || t.isIdentifier(replacement);
  if (isReference) {
    if ((t.isCallExpression(parent) || t.isOptionalCallExpression(parent) || t.isNewExpression(parent)) && parent.callee === path.node)
      return false;
    if (t.isTaggedTemplateExpression(parent) && parent.tag === path.node) return false;
    if (t.isUnaryExpression(parent) && (parent.operator === 'delete' || parent.operator === 'typeof')) return false;
  }
  if (path.parentPath?.isExportDefaultDeclaration()) return false;
  return true;
}
