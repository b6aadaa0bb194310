import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { generate, parseProgram, traverse } from './ast.js';
import { applyUnary, canReplace, literalValue, type LiteralValue, valueToLiteral } from './literal-value.js';
import type { Transform } from './types.js';

/**
 * Folds expressions built only from literals, bottom-up, computing each with the engine's own
 * operators (so coercions, `-0`, BigInt and string rules are JavaScript's). Anything that would
 * throw (mixing BigInt and number, `1n / 0n`), NaN, Infinity and lone surrogates stay as written.
 */
export const foldConstants: Transform = {
  info: {
    name: 'fold-constants',
    preservesSemantics: true,
    describe: 'fold literal arithmetic, comparisons, string concatenation, typeof and logic',
  },
  async apply(source, { sourceType }) {
    const ast = parseProgram(source, { sourceType });
    let changed = false;
    const replace = (path: NodePath<t.Expression>, compute: () => LiteralValue): void => {
      let value: LiteralValue;
      try {
        value = compute();
      } catch {
        return;
      }
      const literal = valueToLiteral(value);
      if (!literal || !canReplace(path, literal)) return;
      path.replaceWith(literal);
      path.skip();
      changed = true;
    };
    traverse(ast, {
      BinaryExpression: {
        exit(path) {
          const { left, right, operator } = path.node;
          if (left.type === 'PrivateName') return;
          const a = literalValue(left);
          const b = literalValue(right);
          if (!a || !b) return;
          replace(path, () => applyBinary(operator, a.value, b.value));
        },
      },
      UnaryExpression: {
        exit(path) {
          const { operator, argument } = path.node;
          if (operator === 'delete' || operator === 'void') return;
          // `-1` is already a literal; folding it again would loop.
          if (operator === '-' && (argument.type === 'NumericLiteral' || argument.type === 'BigIntLiteral')) return;
          const inner = literalValue(argument);
          if (!inner) return;
          replace(path, () => applyUnary(operator, inner.value));
        },
      },
      LogicalExpression: {
        exit(path) {
          const { left, right, operator } = path.node;
          const a = literalValue(left);
          if (!a) return;
          const takeLeft = operator === '&&' ? !a.value : operator === '||' ? Boolean(a.value) : a.value != null;
          if (takeLeft) {
            replace(path, () => a.value);
          } else if (canReplace(path, right)) {
            path.replaceWith(right);
            changed = true;
          }
        },
      },
      TemplateLiteral: {
        exit(path) {
          if (path.parentPath.isTaggedTemplateExpression() || path.node.expressions.length === 0) return;
          const values = path.node.expressions.map((expression) => literalValue(expression));
          if (values.some((value) => value === null)) return;
          const { quasis } = path.node;
          if (quasis.some((quasi) => quasi.value.cooked == null)) return;
          replace(path, () =>
            quasis.map((quasi, i) => (quasi.value.cooked as string) + (i < values.length ? String(values[i]?.value) : '')).join(''),
          );
        },
      },
    });
    return changed ? generate(ast) : source;
  },
};

function applyBinary(operator: string, a: LiteralValue, b: LiteralValue): LiteralValue {
  // Operands are literals only; TypeScript cannot type mixed operands, so cast once here.
  const x = a as never as number;
  const y = b as never as number;
  switch (operator) {
    case '+':
      return (x as unknown as string) + (y as unknown as string);
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    case '%':
      return x % y;
    case '**':
      return x ** y;
    case '==':
      return x == y;
    case '!=':
      return x != y;
    case '===':
      return x === y;
    case '!==':
      return x !== y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    case '<<':
      return x << y;
    case '>>':
      return x >> y;
    case '>>>':
      return x >>> y;
    case '&':
      return x & y;
    case '|':
      return x | y;
    case '^':
      return x ^ y;
    default:
      throw new Error(`not folded: ${operator}`);
  }
}
