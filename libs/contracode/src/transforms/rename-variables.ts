import type { Binding, NodePath, Scope } from '@babel/traverse';
import type * as t from '@babel/types';
import { collectNames, generate, parseProgram, traverse } from './ast.js';
import { namesThatNameFunctions } from './function-names.js';
import { FreshNames } from './names.js';
import { bindingsWithObservableNames } from './observable-names.js';
import type { Transform } from './types.js';

/**
 * Scope-aware renaming of local bindings through Babel's scope tracker, which rewrites every
 * reference (shorthand `{a}` becomes `{a: b}`). Names that running code can observe are kept:
 * globals, properties, exports and imports, function and class names (`f.name`), bindings that
 * name an anonymous function by inference (`const f = () => {}` makes `f.name === 'f'`), and the
 * parameters of functions that read `arguments`, and names V8 may quote in an error message the
 * program prints (see observable-names.ts).
 */
export const renameVariables: Transform = {
  info: {
    name: 'rename-variables',
    preservesSemantics: true,
    describe: 'rename local variables and parameters to fresh names, scope-aware',
  },
  async apply(source, { rng, sourceType }) {
    const ast = parseProgram(source, { sourceType });
    const fresh = new FreshNames(collectNames(ast), rng);
    const inferredNames = namesThatNameFunctions(ast);
    const readsArguments = functionsReadingArguments(ast);
    const observable = bindingsWithObservableNames(ast);

    const candidates: { scope: Scope; name: string }[] = [];
    const seen = new Set<Scope>();
    traverse(ast, {
      Scopable(path) {
        const scope = path.scope;
        if (seen.has(scope)) return;
        seen.add(scope);
        for (const [name, binding] of Object.entries(scope.bindings)) {
          if (!observable.has(binding) && isRenamable(binding, { sourceType, inferredNames, readsArguments })) candidates.push({ scope, name });
        }
      },
    });
    if (candidates.length === 0) return source;

    const probability = 0.3 + 0.6 * rng.next();
    const chosen = candidates.filter(() => rng.chance(probability));
    if (chosen.length === 0) chosen.push(rng.pick(candidates));
    for (const { scope, name } of chosen) scope.rename(name, fresh.next());
    return generate(ast);
  },
};

interface Context {
  sourceType: 'script' | 'module';
  inferredNames: ReadonlySet<string>;
  readsArguments: ReadonlySet<t.Node>;
}

function isRenamable(binding: Binding, context: Context): boolean {
  const { kind, path, scope } = binding;
  if (kind === 'module' || kind === 'hoisted' || kind === 'local' || kind === 'unknown') return false;
  if (path.isClassDeclaration() || path.isFunctionDeclaration()) return false;
  if (context.inferredNames.has(binding.identifier.name)) return false;
  if (scope.path.isProgram()) {
    // In a classic script top-level `var` is a property of the global object.
    if (context.sourceType === 'script' && kind === 'var') return false;
    if (isExported(binding)) return false;
  }
  if (kind === 'param' && context.readsArguments.has(scope.path.node)) return false;
  return true;
}

function isExported(binding: Binding): boolean {
  if (binding.path.findParent((p) => p.isExportDeclaration())) return true;
  return binding.referencePaths.some((ref) => ref.parentPath?.isExportSpecifier() || ref.parentPath?.isExportDefaultDeclaration());
}

/** Non-arrow functions whose own `arguments` object is read (arrows see their parent's). */
function functionsReadingArguments(ast: t.File): Set<t.Node> {
  const owners = new Set<t.Node>();
  traverse(ast, {
    Identifier(path: NodePath<t.Identifier>) {
      if (path.node.name !== 'arguments' || !path.isReferencedIdentifier()) return;
      const owner = path.findParent((p) => p.isFunction() && !p.isArrowFunctionExpression());
      if (owner) owners.add(owner.node);
    },
  });
  return owners;
}
