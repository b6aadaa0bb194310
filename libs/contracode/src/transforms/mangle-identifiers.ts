import { parseProgram } from './ast.js';
import { functionNames, keepsFunctionNames, namesThatNameFunctions } from './function-names.js';
import { bindingsWithObservableNames } from './observable-names.js';
import { minifyOrNull, namesSeenByParameterClosures, restorePrivateNames, withPlainNames } from './terser-input.js';
import { safeMangleOptions } from './terser-options.js';
import type { Transform } from './types.js';

/**
 * Terser's scope-aware mangler: locals become short names; top level, properties and function
 * names stay, and so do bindings that name an anonymous function or class (`const f = () => {}`
 * gives `f.name === 'f'`). Output whose functions' names differ from the input's is not used.
 */
export const mangleIdentifiers: Transform = {
  info: {
    name: 'mangle-identifiers',
    preservesSemantics: true,
    describe: 'terser mangle: local names become short ones (no top level, no properties, function names kept)',
  },
  async apply(source, { rng, sourceType }) {
    const ast = parseProgram(source, { sourceType });
    // Terser reserves by name, in every scope: names an error message could quote, and names
    // anonymous functions take their `.name` from.
    const reserved = new Set([...bindingsWithObservableNames(ast)].map((binding) => binding.identifier.name));
    for (const name of [...namesThatNameFunctions(ast), ...namesSeenByParameterClosures(ast)]) reserved.add(name);
    const names = functionNames(ast);
    const input = withPlainNames(source, ast);
    const output = await minifyOrNull(input, {
      compress: false,
      mangle: { ...safeMangleOptions(sourceType), reserved: [...reserved] },
      module: sourceType === 'module',
      format: { beautify: rng.chance(0.5), comments: rng.chance(0.5) ? 'all' : false },
    });
    if (output === null) return source;
    const code = restorePrivateNames(input === source ? ast : parseProgram(input, { sourceType }), parseProgram(output, { sourceType }), output);
    if (code === null || !keepsFunctionNames(names, code, sourceType)) return source;
    return code;
  },
};
