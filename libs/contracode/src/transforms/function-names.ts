import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { parseProgram, traverse } from './ast.js';
import type { SourceType } from './types.js';

/**
 * A function's or class's `.name` is observable, and an anonymous one takes it from where it is
 * defined (the spec's NamedEvaluation): `f = function () {}`, `const f = () => {}`,
 * `[f = class {}] = []`, parameter and destructuring defaults, `f ||= () => {}`, object and class
 * property keys, `export default function () {}`. Renaming the binding or moving the function
 * elsewhere changes the name.
 */
export function isAnonymousFunctionDefinition(node: t.Node | null | undefined): boolean {
  if (!node) return false;
  if (t.isArrowFunctionExpression(node)) return true;
  if (t.isFunctionExpression(node) || t.isClassExpression(node)) return !node.id;
  return false;
}

const NAMING_ASSIGNMENTS = new Set(['=', '&&=', '||=', '??=']);

/** Binding names that give an anonymous function or class its `.name`: renamers must keep them. */
export function namesThatNameFunctions(ast: t.File): Set<string> {
  const names = new Set<string>();
  traverse(ast, {
    VariableDeclarator({ node }) {
      if (t.isIdentifier(node.id) && isAnonymousFunctionDefinition(node.init)) names.add(node.id.name);
    },
    AssignmentExpression({ node }) {
      if (NAMING_ASSIGNMENTS.has(node.operator) && t.isIdentifier(node.left) && isAnonymousFunctionDefinition(node.right)) names.add(node.left.name);
    },
    AssignmentPattern({ node }) {
      if (t.isIdentifier(node.left) && isAnonymousFunctionDefinition(node.right)) names.add(node.left.name);
    },
  });
  return names;
}

function keyName(key: t.Node, computed: boolean): string {
  if (computed) return '[computed]';
  if (t.isIdentifier(key)) return key.name;
  if (t.isStringLiteral(key)) return key.value;
  if (t.isNumericLiteral(key)) return String(key.value);
  if (t.isBigIntLiteral(key)) return String(BigInt(key.value));
  if (t.isPrivateName(key)) return `#${key.id.name}`;
  return '[computed]';
}

/** The name a function or class gets where it stands: its own, inferred, or '' (anonymous). */
function nameOf(path: NodePath): string {
  const node = path.node;
  if (t.isObjectMethod(node) || t.isClassMethod(node) || t.isClassPrivateMethod(node)) {
    const prefix = node.kind === 'get' || node.kind === 'set' ? `${node.kind} ` : '';
    return prefix + keyName(node.key, 'computed' in node && node.computed === true);
  }
  if ((t.isFunction(node) || t.isClass(node)) && 'id' in node && node.id) return node.id.name;
  const parent = path.parent;
  if (t.isVariableDeclarator(parent) && parent.init === node && t.isIdentifier(parent.id)) return parent.id.name;
  if (t.isAssignmentExpression(parent) && parent.right === node && NAMING_ASSIGNMENTS.has(parent.operator) && t.isIdentifier(parent.left))
    return parent.left.name;
  if (t.isAssignmentPattern(parent) && parent.right === node && t.isIdentifier(parent.left)) return parent.left.name;
  if ((t.isObjectProperty(parent) || t.isClassProperty(parent) || t.isClassPrivateProperty(parent)) && parent.value === node)
    return keyName(parent.key, 'computed' in parent && parent.computed === true);
  if (t.isExportDefaultDeclaration(parent)) return 'default';
  return '';
}

/** How many functions and classes the program defines under each `.name` (anonymous ones under ''). */
export function functionNames(ast: t.File): Map<string, number> {
  const counts = new Map<string, number>();
  traverse(ast, {
    'Function|Class'(path: NodePath) {
      const name = nameOf(path);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    },
  });
  return counts;
}

/**
 * Whether `output` can have come from `input` without changing any function's name: no name is
 * given to more functions than before. Functions may disappear (unused code removed), but one
 * that moved to where it gets another name (an anonymous function inlined into a call, a mangled
 * binding) adds to another name's count. Unparsable output counts as a change.
 */
export function keepsFunctionNames(input: Map<string, number>, output: string, sourceType: SourceType): boolean {
  let names: Map<string, number>;
  try {
    names = functionNames(parseProgram(output, { sourceType }));
  } catch {
    return false;
  }
  for (const [name, count] of names) if (count > (input.get(name) ?? 0)) return false;
  return true;
}
