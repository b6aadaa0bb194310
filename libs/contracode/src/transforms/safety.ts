import type * as t from '@babel/types';
import { traverse } from './ast.js';

/**
 * Code whose meaning depends on names or text at run time: renaming or rewriting it could
 * change behaviour, so every transform leaves it alone. Returns the reason, or null when safe.
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
      }
    },
  });
  return reason;
}

function staticName(node: t.Node, computed: boolean): string | null {
  if (!computed && node.type === 'Identifier') return node.name;
  if (node.type === 'StringLiteral') return node.value;
  return null;
}
