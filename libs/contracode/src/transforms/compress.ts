import { minify } from 'terser';
import { parseProgram } from './ast.js';
import { readsErrorMessages } from './observable-names.js';
import { safeCompressOptions } from './terser-options.js';
import type { Transform } from './types.js';

export const compress: Transform = {
  info: {
    name: 'compress',
    preservesSemantics: true,
    describe: 'terser compress (safe options only, no property or name mangling)',
  },
  async apply(source, { rng, sourceType }) {
    const result = await minify(source, {
      compress: safeCompressOptions(sourceType, 1 + rng.int(2), source, readsErrorMessages(parseProgram(source, { sourceType }))),
      mangle: false,
      module: sourceType === 'module',
      format: { beautify: rng.chance(0.5), comments: false },
    });
    return result.code ?? source;
  },
};
