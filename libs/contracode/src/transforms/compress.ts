import type { CompressOptions } from 'terser';
import { parseProgram } from './ast.js';
import { functionNames, keepsFunctionNames } from './function-names.js';
import { readsErrorMessages } from './observable-names.js';
import { breaksTerserAssumptions, hasForAsyncOf, minifyOrNull, withPlainNames } from './terser-input.js';
import { safeCompressOptions } from './terser-options.js';
import type { Transform } from './types.js';

/** The passes that move a function to another place, where it could take another `.name`. */
const KEEP_FUNCTIONS_IN_PLACE: CompressOptions = { reduce_vars: false, collapse_vars: false, inline: false, reduce_funcs: false };

/**
 * Terser's compressor with behaviour-keeping options. Its output must give every function the
 * `.name` it had (`var h = function () {}; return h.name` must not become `function () {}.name`):
 * when it does not, compress runs again without the passes that move functions, and keeps the
 * input if that still does not. Programs that break terser's documented assumptions (see
 * terser-input.ts) and `for ((async) of …)`, which terser prints wrongly, are left unchanged.
 */
export const compress: Transform = {
  info: {
    name: 'compress',
    preservesSemantics: true,
    describe: 'terser compress (safe options only, no property or name mangling)',
  },
  async apply(source, { rng, sourceType }) {
    const ast = parseProgram(source, { sourceType });
    if (breaksTerserAssumptions(ast) !== null || hasForAsyncOf(ast)) return source;
    const names = functionNames(ast);
    const options = safeCompressOptions(sourceType, 1 + rng.int(2), source, readsErrorMessages(ast));
    const beautify = rng.chance(0.5);
    const input = withPlainNames(source, ast);
    for (const attempt of [options, { ...options, ...KEEP_FUNCTIONS_IN_PLACE }]) {
      const code = await minifyOrNull(input, { compress: attempt, mangle: false, module: sourceType === 'module', format: { beautify, comments: false } });
      if (code === null) return source;
      if (keepsFunctionNames(names, code, sourceType)) return code;
    }
    return source;
  },
};
