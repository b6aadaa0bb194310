import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { minify, type MinifyOptions } from 'terser';
import { generate, traverse } from './ast.js';
import { hasTdzReads } from './observable-names.js';

/**
 * Terser's output, or null when terser's own parser rejects the (valid) input: it cannot read
 * `let` as a name (`var let = 1;` is sloppy-mode JavaScript) nor a tagged template with an escape
 * that is invalid only untagged (`` tag`\unicode` ``). Those programs are left to the other transforms.
 */
const GAP = String.raw`(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*`;
const LET_THEN_NEW_LINE = new RegExp(String.raw`\blet\b${GAP}\n${GAP}[[{]`);

export async function minifyOrNull(source: string, options: MinifyOptions): Promise<string | null> {
  // `let` as a name: terser misreads or misprints it (`let` then a new line and `{`, `[`).
  if (LET_THEN_NEW_LINE.test(source)) return null;
  try {
    return (await minify(source, options)).code ?? null;
  } catch (error) {
    if (error instanceof Error && error.name === 'SyntaxError' && typeof (error as { line?: unknown }).line === 'number') return null;
    throw error;
  }
}

/**
 * Terser's parser rejects escaped keywords used as names (`{ c\u0061tch: 1 }`) and its printer
 * mangles escaped private names (`#\u{6F}`). An escape in a name is only a spelling, so such input
 * is handed to terser as Babel prints it, with every name written out plainly.
 */
export function withPlainNames(source: string, ast: t.File): string {
  let escaped = false;
  traverse(ast, {
    'Identifier|PrivateName'(path: NodePath) {
      const { start, end } = path.node;
      if (start != null && end != null && source.slice(start, end).includes('\\')) {
        escaped = true;
        path.stop();
      }
    },
  });
  return escaped ? generate(ast) : source;
}

/** Terser prints `for ((async) of xs)` without the parentheses the grammar requires there. */
export function hasForAsyncOf(ast: t.File): boolean {
  let found = false;
  traverse(ast, {
    ForOfStatement(path) {
      if (!path.node.await && t.isIdentifier(path.node.left, { name: 'async' })) {
        found = true;
        path.stop();
      }
    },
  });
  return found;
}

const GLOBAL_CONSTANTS = new Set(['NaN', 'Infinity', 'undefined']);
const CONVERSION_HOOKS = new Set(['valueOf', 'toString', 'toPrimitive']);
const INTEGRITY_CALLS = new Set(['defineProperty', 'defineProperties', 'freeze', 'seal', 'preventExtensions', '__defineGetter__', '__defineSetter__']);

function propertyName(node: t.Node, computed: boolean): string | null {
  if (!computed && t.isIdentifier(node)) return node.name;
  if (t.isStringLiteral(node)) return node.value;
  if (computed && t.isMemberExpression(node) && !node.computed && t.isIdentifier(node.property)) return node.property.name;
  return null;
}

/**
 * Why terser's compressor may change what this program does, or null. Terser documents that it
 * assumes `valueOf`/`toString` have no side effects, that property access on plain objects has
 * none (no Proxy, no setters), that objects stay extensible and writable (no defineProperty,
 * freeze, seal), and that `arguments.callee`/`caller` are not used; it also drops `a in b` and
 * `a instanceof b` whose value is unused, though both throw for a primitive `b`, and it takes
 * `NaN`, `Infinity` and `undefined` for constants and reads of let/const for safe (no TDZ error).
 * Programs that can break these are left to the other transforms.
 */
export function breaksTerserAssumptions(ast: t.File): string | null {
  if (hasTdzReads(ast)) return 'reads a let/const binding before its declaration (TDZ)';
  let reason: string | null = null;
  const found = (why: string, path: NodePath): void => {
    reason = why;
    path.stop();
  };
  traverse(ast, {
    Identifier(path) {
      const name = path.node.name;
      if (name === 'Proxy' && path.isReferencedIdentifier()) found('uses Proxy', path);
      else if (GLOBAL_CONSTANTS.has(name) && (path.parentPath.isAssignmentExpression({ left: path.node }) || path.parentPath.isUpdateExpression()))
        found(`assigns ${name}`, path);
      else if (GLOBAL_CONSTANTS.has(name) && path.isBindingIdentifier()) found(`declares ${name}`, path);
    },
    StringLiteral(path) {
      if (CONVERSION_HOOKS.has(path.node.value)) found(`names '${path.node.value}'`, path);
    },
    'ObjectMethod|ObjectProperty|ClassMethod|ClassProperty'(path: NodePath) {
      const node = path.node as t.ObjectMethod | t.ObjectProperty | t.ClassMethod | t.ClassProperty;
      const name = propertyName(node.key, node.computed);
      if (name && CONVERSION_HOOKS.has(name)) found(`defines ${name}`, path);
      else if ((t.isObjectMethod(node) || (t.isClassMethod(node) && node.static)) && node.kind === 'set') found('defines a setter', path);
    },
    MemberExpression(path) {
      const name = propertyName(path.node.property, path.node.computed);
      if (!name) return;
      if (INTEGRITY_CALLS.has(name)) found(`calls ${name}`, path);
      else if (name === 'callee' || name === 'caller') found(`reads ${name}`, path);
      else if (CONVERSION_HOOKS.has(name) && path.parentPath.isAssignmentExpression({ left: path.node })) found(`assigns ${name}`, path);
      else if (name === 'toPrimitive') found('uses Symbol.toPrimitive', path);
    },
    BinaryExpression(path) {
      if ((path.node.operator === 'in' || path.node.operator === 'instanceof') && valueUnused(path)) found(`an unused \`${path.node.operator}\` (it may throw)`, path);
    },
    SpreadElement(path) {
      // Spreading runs an iterator (or getters); terser drops an unused literal, or the arguments
      // of a function it inlines, as if it did not.
      const call = path.parentPath;
      if ((call.isCallExpression() || call.isNewExpression()) && (t.isFunctionExpression(call.node.callee) || t.isArrowFunctionExpression(call.node.callee))) {
        found('a spread argument of an inlinable call', path);
        return;
      }
      let literal: NodePath = path.parentPath;
      while (literal.parentPath && (literal.parentPath.isArrayExpression() || literal.parentPath.isObjectExpression() || literal.parentPath.isObjectProperty() || literal.parentPath.isSpreadElement()))
        literal = literal.parentPath;
      if ((literal.isArrayExpression() || literal.isObjectExpression()) && valueUnused(literal)) found('an unused literal with a spread', path);
    },
    Class(path) {
      // `class extends (() => {}) {}` and `class x extends x {}` throw, and so does a static member
      // named `prototype`; terser drops an unused class as if it could not.
      const { superClass, id } = path.node;
      if (superClass && !t.isIdentifier(superClass) && !t.isMemberExpression(superClass) && !t.isCallExpression(superClass)) found('a class extending a non-class value', path);
      else if (superClass && id && t.isIdentifier(superClass, { name: id.name })) found('a class extending itself', path);
      else if (path.node.body.body.some((member) => 'key' in member && 'static' in member && member.static && propertyName(member.key, 'computed' in member && member.computed === true) === 'prototype'))
        found('a static member named prototype', path);
    },
  });
  return reason;
}

/** The expression's value is thrown away: a statement of its own, not the last of a sequence, or `void`. */
function valueUnused(path: NodePath): boolean {
  const parent = path.parentPath;
  if (!parent) return false;
  if (parent.isExpressionStatement() || parent.isUnaryExpression({ operator: 'void' })) return true;
  if (parent.isSequenceExpression()) return parent.node.expressions[parent.node.expressions.length - 1] !== path.node || valueUnused(parent);
  return false;
}

/**
 * Terser's mangler renames private members (`#secret` → `#a`) whatever the options, and their
 * names are observable (`.name` of a private method is "#secret"). Mangling leaves the code's
 * structure as it was, so the n-th private name of the output is the n-th of the input: each is
 * written back. Null when the two do not line up.
 */
export function restorePrivateNames(input: t.File, output: t.File, outputCode: string): string | null {
  const names = (ast: t.File): t.PrivateName[] => {
    const found: t.PrivateName[] = [];
    traverse(ast, {
      PrivateName(path) {
        found.push(path.node);
      },
    });
    return found;
  };
  const before = names(input);
  const after = names(output);
  if (before.length !== after.length) return null;
  const mapping = new Map<string, string>();
  for (const [index, node] of after.entries()) {
    const original = (before[index] as t.PrivateName).id.name;
    if ((mapping.get(node.id.name) ?? original) !== original) return null;
    mapping.set(node.id.name, original);
  }
  if (new Set(mapping.values()).size !== mapping.size) return null;
  let code = outputCode;
  for (const node of [...after].sort((a, b) => (b.start ?? 0) - (a.start ?? 0))) {
    if (node.start == null || node.end == null) return null;
    code = `${code.slice(0, node.start)}#${mapping.get(node.id.name)}${code.slice(node.end)}`;
  }
  return code;
}

/**
 * Names terser's mangler must not touch: a closure in a parameter default sees the parameter
 * scope, not the body's `var`s, but terser gives a body `var` and the outer binding the closure
 * reads the same short name. Every name such a closure mentions is kept as written.
 */
export function namesSeenByParameterClosures(ast: t.File): Set<string> {
  const names = new Set<string>();
  traverse(ast, {
    Function(path) {
      for (const param of path.get('params')) {
        let hasClosure = false;
        param.traverse({
          Function(inner) {
            hasClosure = true;
            inner.stop();
          },
        });
        if (!hasClosure) continue;
        param.traverse({
          Identifier(inner) {
            names.add(inner.node.name);
          },
        });
      }
    },
  });
  return names;
}
