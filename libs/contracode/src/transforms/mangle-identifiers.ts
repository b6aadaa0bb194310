import { minify } from 'terser';
import { parseProgram } from './ast.js';
import { bindingsWithObservableNames } from './observable-names.js';
import { safeMangleOptions } from './terser-options.js';
import type { Transform } from './types.js';

/** Terser's scope-aware mangler: locals become short names; top level, properties and function names stay. */
export const mangleIdentifiers: Transform = {
  info: {
    name: 'mangle-identifiers',
    preservesSemantics: true,
    describe: 'terser mangle: local names become short ones (no top level, no properties, function names kept)',
  },
  async apply(source, { rng, sourceType }) {
    // Names an error message could quote are reserved (terser reserves by name, in every scope).
    const reserved = [...bindingsWithObservableNames(parseProgram(source, { sourceType }))].map((binding) => binding.identifier.name);
    const result = await minify(source, {
      compress: false,
      mangle: { ...safeMangleOptions(sourceType), reserved: [...new Set(reserved)] },
      module: sourceType === 'module',
      format: { beautify: rng.chance(0.5), comments: rng.chance(0.5) ? 'all' : false },
    });
    return result.code ?? source;
  },
};
