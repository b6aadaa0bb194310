import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { generate, parseProgram, traverse } from './ast.js';
import { residueOf } from './hoisting.js';
import { canReplace, literalValue } from './literal-value.js';
import type { Transform } from './types.js';

/**
 * Removes code that cannot run or whose result is never used: branches of `if`/`?:` on literal
 * tests, `while (false)`, statements after `return`/`throw`/`break`/`continue`, empty statements,
 * and unused local constants with literal or function values and unused local functions.
 * Removed `var`s leave `var x;` behind (hoisting); code with block functions or let/const is kept.
 */
export const eliminateDeadCode: Transform = {
  info: {
    name: 'eliminate-dead-code',
    preservesSemantics: true,
    describe: 'remove unreachable code, branches on literal tests and unused local constants/functions',
  },
  async apply(source, { sourceType }) {
    const afterBranches = removeUnreachable(source, sourceType);
    return removeUnused(afterBranches ?? source, sourceType) ?? afterBranches ?? source;
  },
};

function removeUnreachable(source: string, sourceType: 'script' | 'module'): string | null {
  const ast = parseProgram(source, { sourceType });
  let changed = false;
  traverse(ast, {
    IfStatement: {
      exit(path) {
        const test = literalValue(path.node.test);
        if (!test) return;
        const kept = test.value ? path.node.consequent : path.node.alternate;
        const dropped = test.value ? path.node.alternate : path.node.consequent;
        const residue = residueOf(dropped ? [dropped] : []);
        if (!residue) return;
        // A kept function declaration as the branch body is not a statement on its own.
        if (kept && t.isFunctionDeclaration(kept)) return;
        const replacement: t.Statement[] = [...(kept ? [kept] : []), ...residue];
        if (replacement.length === 0) {
          if (!removeStatement(path)) return;
        } else if (replacement.length === 1 || isInStatementList(path)) {
          path.replaceWithMultiple(replacement);
        } else {
          path.replaceWith(t.blockStatement(replacement));
        }
        changed = true;
      },
    },
    ConditionalExpression: {
      exit(path) {
        const test = literalValue(path.node.test);
        if (!test) return;
        const kept = test.value ? path.node.consequent : path.node.alternate;
        if (!canReplace(path, kept)) return;
        path.replaceWith(kept);
        changed = true;
      },
    },
    WhileStatement(path) {
      const test = literalValue(path.node.test);
      if (!test || test.value) return;
      const residue = residueOf([path.node.body]);
      if (!residue || !isInStatementList(path)) return;
      if (residue.length === 0) path.remove();
      else path.replaceWithMultiple(residue);
      changed = true;
    },
    EmptyStatement(path) {
      if (removeStatement(path)) changed = true;
    },
    BlockStatement(path) {
      if (dropAfterCompletion(path.node.body)) changed = true;
    },
    Program(path) {
      if (dropAfterCompletion(path.node.body)) changed = true;
    },
    StaticBlock(path) {
      if (dropAfterCompletion(path.node.body)) changed = true;
    },
    SwitchCase(path) {
      if (dropAfterCompletion(path.node.consequent)) changed = true;
    },
  });
  return changed ? generate(ast) : null;
}

/** Statements after the first return/throw/break/continue in a list never run; removes them in place. */
function dropAfterCompletion(body: t.Statement[]): boolean {
  const exit = body.findIndex((statement) => t.isCompletionStatement(statement));
  if (exit < 0 || exit === body.length - 1) return false;
  const next: t.Statement[] = body.slice(0, exit + 1);
  let removed = false;
  for (const statement of body.slice(exit + 1)) {
    const residue = residueOf([statement]);
    if (residue) {
      next.push(...residue);
      removed = true;
    } else {
      next.push(statement);
    }
  }
  if (!removed) return false;
  body.splice(0, body.length, ...next);
  return true;
}

function isInStatementList(path: NodePath): boolean {
  return Array.isArray(path.container) && (path.listKey === 'body' || path.listKey === 'consequent');
}

function removeStatement(path: NodePath): boolean {
  if (!isInStatementList(path)) return false;
  path.remove();
  return true;
}

/** Whether evaluating `node` has no effect beyond making a value (no names read, nothing called). */
function isPureValue(node: t.Node | null | undefined): boolean {
  if (!node) return true;
  if (literalValue(node)) return true;
  if (t.isArrowFunctionExpression(node) || t.isFunctionExpression(node) || t.isRegExpLiteral(node)) return true;
  if (t.isArrayExpression(node)) return node.elements.every((element) => element !== null && !t.isSpreadElement(element) && isPureValue(element));
  if (t.isObjectExpression(node))
    return node.properties.every((property) =>
      t.isObjectMethod(property) ? !property.computed : t.isObjectProperty(property) && !property.computed && isPureValue(property.value),
    );
  return false;
}

function removeUnused(source: string, sourceType: 'script' | 'module'): string | null {
  const ast = parseProgram(source, { sourceType });
  let changed = false;
  traverse(ast, {
    VariableDeclarator(path) {
      const declaration = path.parentPath;
      if (!declaration.isVariableDeclaration() || declaration.node.kind === 'var') return;
      if (!t.isIdentifier(path.node.id) || !isPureValue(path.node.init)) return;
      const binding = path.scope.getBinding(path.node.id.name);
      if (!binding || binding.referenced || binding.constantViolations.length > 0 || binding.scope.path.isProgram()) return;
      if (declaration.parentPath.isForXStatement() || declaration.parentPath.isForStatement()) return;
      if (declaration.node.declarations.length === 1) {
        if (!isInStatementList(declaration)) return;
        declaration.remove();
      } else {
        path.remove();
      }
      changed = true;
    },
    FunctionDeclaration(path) {
      const id = path.node.id;
      if (!id || !path.parentPath.isBlockStatement() || !path.parentPath.parentPath.isFunction()) return;
      const binding = path.parentPath.parentPath.scope.getBinding(id.name);
      if (!binding || binding.path.node !== path.node || binding.referenced || binding.constantViolations.length > 0) return;
      path.remove();
      changed = true;
    },
  });
  return changed ? generate(ast) : null;
}
