import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { traverse } from './ast.js';

/**
 * Code whose meaning depends on names or text at run time: renaming or rewriting it could
 * change behaviour, so every transform leaves it alone. Returns the reason, or null when safe.
 * That includes code that reads its own functions' source text (`f.toString()`, `String(f)`,
 * `` `${f}` ``, `f + ''`, `Function.prototype.toString`), which every transform changes.
 */
export function unsafeReason(ast: t.File): string | null {
  let reason: string | null = null;
  traverse(ast, {
    WithStatement(path) {
      reason = '`with` statement (names resolve at run time)';
      path.stop();
    },
    Identifier(path) {
      const name = path.node.name;
      if (name !== 'eval' && name !== 'Function') return;
      if (!path.isReferencedIdentifier() || path.scope.hasBinding(name, { noGlobals: true })) return;
      if (name === 'eval') reason = '`eval` (code reads local names at run time)';
      else if (path.parentPath.isNewExpression({ callee: path.node }) || path.parentPath.isCallExpression({ callee: path.node }))
        reason = '`new Function` (code built from strings at run time)';
      else return;
      path.stop();
    },
    CallExpression(path) {
      if (stringifiesFunction(path)) {
        reason = SOURCE_TEXT;
        path.stop();
        return;
      }
      // setTimeout("code") and setInterval("code") evaluate a string like eval.
      const { callee, arguments: args } = path.node;
      if (callee.type !== 'Identifier' || !['setTimeout', 'setInterval'].includes(callee.name)) return;
      const first = args[0];
      if (first && (first.type === 'StringLiteral' || first.type === 'TemplateLiteral' || first.type === 'BinaryExpression')) {
        reason = `\`${callee.name}\` with a string (code built from strings at run time)`;
        path.stop();
      }
    },
    MemberExpression(path) {
      const property = path.node.property;
      const propertyName = staticName(property, path.node.computed);
      if (propertyName === 'eval') {
        reason = '`eval` reached through a property';
        path.stop();
      } else if (readsSourceText(path, propertyName)) {
        reason = SOURCE_TEXT;
        path.stop();
      }
    },
    'TemplateLiteral|BinaryExpression'(path: NodePath) {
      const node = path.node as t.TemplateLiteral | t.BinaryExpression;
      const operands = t.isTemplateLiteral(node) ? path.get('expressions') : node.operator === '+' ? [path.get('left'), path.get('right')] : [];
      if ((operands as NodePath[]).some(isFunctionValue)) {
        reason = SOURCE_TEXT;
        path.stop();
      }
    },
  });
  return reason;
}

const SOURCE_TEXT = "reads a function's source text (Function.prototype.toString), which every transform changes";

/** `f.toString` for a function `f`, or `Function.prototype.toString`. */
function readsSourceText(path: NodePath<t.MemberExpression>, propertyName: string | null): boolean {
  if (propertyName !== 'toString' && propertyName !== 'toSource') return false;
  const object = path.get('object');
  if (isFunctionValue(object)) return true;
  return object.isMemberExpression() && staticName(object.node.property, object.node.computed) === 'prototype' && t.isIdentifier(object.node.object, { name: 'Function' });
}

function isFunctionValue(path: NodePath): boolean {
  if (path.isFunctionExpression() || path.isArrowFunctionExpression() || path.isClassExpression()) return true;
  if (!path.isIdentifier()) return false;
  const binding = path.scope.getBinding(path.node.name);
  if (!binding) return false;
  if (binding.path.isFunctionDeclaration() || binding.path.isClassDeclaration()) return true;
  if (binding.path.isVariableDeclarator()) {
    const init = binding.path.node.init;
    return t.isFunctionExpression(init) || t.isArrowFunctionExpression(init) || t.isClassExpression(init);
  }
  return false;
}

/**
 * `String(f)` for a function `f`, or any value handed to a global helper named for turning code
 * into text (`assertToStringOrNativeFunction(f, "…")`, `checkSource(x)`): the helper is not in
 * the program, so whatever it is given may be a function whose text it reads.
 */
export function stringifiesFunction(path: NodePath<t.CallExpression>): boolean {
  const callee = path.node.callee;
  if (!t.isIdentifier(callee) || path.scope.hasBinding(callee.name, { noGlobals: true })) return false;
  if (callee.name === 'String') return path.get('arguments').some(isFunctionValue);
  return /tostring|source/i.test(callee.name) && path.node.arguments.some((argument) => !t.isLiteral(argument));
}

function staticName(node: t.Node, computed: boolean): string | null {
  if (!computed && node.type === 'Identifier') return node.name;
  if (node.type === 'StringLiteral') return node.value;
  return null;
}
