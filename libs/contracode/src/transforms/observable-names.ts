import type { Binding, NodePath, Scope } from '@babel/traverse';
import * as t from '@babel/types';
import { traverse } from './ast.js';

/**
 * Local bindings whose *name* running code can print. V8 quotes the binding in some error
 * messages: `Cannot access 'x' before initialization` (TDZ), `x is not a function`,
 * `x.y is not iterable`, `Cannot destructure 'x' as it is undefined`. A program that prints a
 * caught error's message would print a different line after renaming, so renamers keep these:
 * TDZ-exposed bindings always, the others when the program reads error messages at all.
 */
export function bindingsWithObservableNames(ast: t.File): Set<Binding> {
  const exposesMessages = readsErrorMessages(ast);
  const observable = new Set<Binding>();
  const seen = new Set<Scope>();
  traverse(ast, {
    Scopable(path) {
      if (seen.has(path.scope)) return;
      seen.add(path.scope);
      for (const binding of Object.values(path.scope.bindings)) {
        if (mayBeReadInTdz(binding) || (exposesMessages && binding.referencePaths.some(isQuotedInErrors))) observable.add(binding);
      }
    },
  });
  return observable;
}

/** Whether any let/const/class binding of the program may be read before its declaration ran. */
export function hasTdzReads(ast: t.File): boolean {
  let found = false;
  const seen = new Set<Scope>();
  traverse(ast, {
    Scopable(path) {
      if (seen.has(path.scope)) return;
      seen.add(path.scope);
      if (Object.values(path.scope.bindings).some((binding) => mayBeReadInTdz(binding) || mayBeWrittenInTdz(binding))) {
        found = true;
        path.stop();
      }
    },
  });
  return found;
}

/** An assignment (`[...x] = []`) before a let/const declaration throws as a read does. */
function mayBeWrittenInTdz(binding: Binding): boolean {
  if (!['let', 'const'].includes(binding.kind) && !binding.path.isClassDeclaration()) return false;
  const start = binding.path.node.start;
  return start == null || binding.constantViolations.some((write) => write.node !== binding.path.node && (write.node.start ?? 0) < start);
}

function mayBeReadInTdz(binding: Binding): boolean {
  if (!['let', 'const'].includes(binding.kind) && !binding.path.isClassDeclaration()) return false;
  if (binding.scope.path.isSwitchStatement()) return true;
  const declaration = binding.path.node;
  if (declaration.start == null || declaration.end == null) return true;
  return binding.referencePaths.some((ref) => {
    const start = ref.node.start ?? 0;
    if (start < (declaration.start as number)) return true;
    // Inside its own declaration: TDZ unless the read sits in a function that runs later.
    if (start < (declaration.end as number)) return !ref.findParent((p) => p.isFunction() && (p.node.start ?? 0) > (declaration.start as number));
    return false;
  });
}

/** Whether V8 would quote this reference's text in an error message. */
function isQuotedInErrors(ref: NodePath): boolean {
  // Walk up a member chain `x.a.b` to the outermost expression quoted as a whole.
  let current: NodePath = ref;
  while (current.parentPath?.isMemberExpression({ object: current.node }) || current.parentPath?.isOptionalMemberExpression({ object: current.node }))
    current = current.parentPath;
  const parent = current.parentPath;
  if (!parent) return false;
  const node = current.node;
  if ((parent.isCallExpression() || parent.isNewExpression() || parent.isOptionalCallExpression()) && parent.node.callee === node) return true;
  if (parent.isTaggedTemplateExpression() && parent.node.tag === node) return true;
  if ((parent.isForOfStatement() && parent.node.right === node) || parent.isSpreadElement() || parent.isYieldExpression({ delegate: true })) return true;
  if (parent.isVariableDeclarator() && parent.node.init === node && !t.isIdentifier(parent.node.id)) return true;
  if (parent.isAssignmentExpression() && parent.node.right === node && !t.isIdentifier(parent.node.left)) return true;
  return false;
}

/** The program reads `.message`/`.stack`, or hands a caught error to a call or a string. */
export function readsErrorMessages(ast: t.File): boolean {
  let reads = false;
  traverse(ast, {
    MemberExpression(path) {
      const property = path.node.property;
      if (!path.node.computed && t.isIdentifier(property) && (property.name === 'message' || property.name === 'stack')) {
        reads = true;
        path.stop();
      }
    },
    CatchClause(path) {
      const param = path.node.param;
      if (!t.isIdentifier(param)) return;
      const binding = path.scope.getBinding(param.name);
      const wholeUse = binding?.referencePaths.some((ref) => !ref.parentPath?.isMemberExpression({ object: ref.node }) && !ref.parentPath?.isBinaryExpression({ operator: 'instanceof' }));
      if (wholeUse) {
        reads = true;
        path.stop();
      }
    },
  });
  return reads;
}
