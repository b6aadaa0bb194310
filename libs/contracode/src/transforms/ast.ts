import { parse, type ParserPlugin } from '@babel/parser';
import generateModule from '@babel/generator';
import traverseModule from '@babel/traverse';
import type * as t from '@babel/types';
import type { SourceType } from './types.js';

// @babel/traverse and @babel/generator are CommonJS modules whose `module.exports.default` is the
// function; NodeNext types the default import as the whole `module.exports`.
export const traverse: typeof traverseModule.default =
  (traverseModule as unknown as { default?: typeof traverseModule.default }).default ??
  (traverseModule as unknown as typeof traverseModule.default);
const generateFn: typeof generateModule.default =
  (generateModule as unknown as { default?: typeof generateModule.default }).default ??
  (generateModule as unknown as typeof generateModule.default);

export interface ParseOptions {
  sourceType?: SourceType | 'unambiguous';
  typescript?: boolean;
}

/**
 * Parse with Babel; throws a SyntaxError with Babel's message on bad input. `unambiguous` reads the
 * source as a classic script first, as Node runs a script (so `var await = 0;`, `yield` and `let`
 * as names parse), and as a module only when it is not a script: it has import/export,
 * `import.meta` or top-level await.
 */
export function parseProgram(source: string, options: ParseOptions = {}): t.File {
  const plugins: ParserPlugin[] = options.typescript ? ['typescript'] : [];
  const parseAs = (sourceType: SourceType): t.File =>
    parse(source, { sourceType, plugins, allowReturnOutsideFunction: false, errorRecovery: false });
  const sourceType = options.sourceType ?? 'unambiguous';
  if (sourceType !== 'unambiguous') return parseAs(sourceType);
  try {
    return parseAs('script');
  } catch (scriptError) {
    try {
      return parseAs('module');
    } catch (moduleError) {
      // A source with import/export was meant as a module: its error is the one to report.
      throw MODULE_SYNTAX.test(source) ? moduleError : scriptError;
    }
  }
}

const MODULE_SYNTAX = /(^|[\n;])\s*(import|export)\b(?!\s*\()/;

export function generate(ast: t.Node): string {
  return generateFn(ast, { comments: true, jsescOption: { minimal: true } }).code;
}

/** Every identifier-like name in the program (bindings, references, globals, properties, labels). */
export function collectNames(ast: t.File): Set<string> {
  const names = new Set<string>();
  traverse(ast, {
    Identifier(path) {
      names.add(path.node.name);
    },
    JSXIdentifier(path) {
      names.add(path.node.name);
    },
    PrivateName(path) {
      names.add(path.node.id.name);
    },
  });
  return names;
}

/** Whether the generated code still parses as the same kind of program. */
export function parseError(source: string, sourceType: SourceType): string | null {
  try {
    parseProgram(source, { sourceType });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
