import { transformAsync, types as t, type PluginObj } from '@babel/core';
import { createRequire } from 'node:module';
import type { Transform } from './types.js';

// Resolved to a path here so Babel loads the plugin from this package, whatever the working directory.
const stripTypesPlugin = createRequire(import.meta.url).resolve('@babel/plugin-transform-typescript');

/**
 * tsc (ES2022 class fields) declares parameter properties as fields ahead of the other fields,
 * so `Object.keys` and `JSON.stringify` list them first; Babel only assigns them in the
 * constructor. Declaring them here keeps the property order tsc gives.
 */
const declareParameterProperties: PluginObj = {
  name: 'strata-declare-parameter-properties',
  visitor: {
    Class(path) {
      const members = path.node.body.body;
      const constructor = members.find((m): m is t.ClassMethod => t.isClassMethod(m) && m.kind === 'constructor');
      if (!constructor) return;
      const declared = new Set(members.flatMap((m) => (t.isClassProperty(m) && !m.computed && t.isIdentifier(m.key) ? [m.key.name] : [])));
      const fields = constructor.params.flatMap((param) => {
        if (!t.isTSParameterProperty(param)) return [];
        const target = t.isAssignmentPattern(param.parameter) ? param.parameter.left : param.parameter;
        return t.isIdentifier(target) && !declared.has(target.name) ? [t.classProperty(t.identifier(target.name))] : [];
      });
      members.unshift(...fields);
    },
  },
};

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
      plugins: [declareParameterProperties, [stripTypesPlugin, { allowDeclareFields: true, onlyRemoveTypeImports: false }]],
    });
    if (result?.code == null) throw new Error('strip-types produced no code');
    return result.code;
  },
};
