import { transformAsync } from '@babel/core';
import { createRequire } from 'node:module';
import type { Transform } from './types.js';

// Resolved to a path here so Babel loads the plugin from this package, whatever the working directory.
const stripTypesPlugin = createRequire(import.meta.url).resolve('@babel/plugin-transform-typescript');

/**
 * TypeScript → JavaScript with Babel's TypeScript plugin: annotations, interfaces and type-only
 * imports go; enums and namespaces become their JavaScript equivalents. No config files are read.
 */
export const stripTypes: Transform = {
  info: {
    name: 'strip-types',
    preservesSemantics: true,
    describe: 'remove TypeScript types (Babel), compiling enums and namespaces',
  },
  async apply(source) {
    const result = await transformAsync(source, {
      babelrc: false,
      configFile: false,
      filename: 'input.ts',
      sourceType: 'unambiguous',
      comments: true,
      // Imports used only as types are dropped, as tsc does; `import type` always is.
      plugins: [[stripTypesPlugin, { allowDeclareFields: true, onlyRemoveTypeImports: false }]],
    });
    if (result?.code == null) throw new Error('strip-types produced no code');
    return result.code;
  },
};
