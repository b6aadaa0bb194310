import { traverseFast, type Node } from '@babel/types';
import { parseSource } from './parse.js';

/** The syntactic kinds the corpus extracts. */
export type FunctionKind = 'function-declaration' | 'function-expression' | 'arrow' | 'class-method' | 'object-method';

// Methods, anonymous functions and arrows are not programs by themselves. Transforms take programs,
// so each is wrapped in a binding that survives every transform (top-level names are global and never
// renamed or dropped), and the function is cut back out of the transformed program afterwards.
const FUNCTION_BINDING = '__contracodeFunction';
const OBJECT_BINDING = '__contracodeObject';
const CLASS_BINDING = '__ContracodeClass';

/**
 * A standalone program containing the function, for the transforms. `name` is a declaration's name.
 * A function that reads `import.meta` makes its program an ES module, where top-level bindings are
 * local and terser drops unused ones: the binding is then exported, which keeps it and its name.
 */
export function toProgram(kind: FunctionKind, source: string, name?: string): string {
  const program = wrap(kind, source);
  const binding = kind === 'function-declaration' ? name : BINDING_OF[kind];
  return binding && /\bimport\s*\.\s*meta\b/.test(source) ? `${program}\nexport { ${binding} };\n` : program;
}

const BINDING_OF: Record<Exclude<FunctionKind, 'function-declaration'>, string> = {
  'function-expression': FUNCTION_BINDING,
  arrow: FUNCTION_BINDING,
  'class-method': CLASS_BINDING,
  'object-method': OBJECT_BINDING,
};

function wrap(kind: FunctionKind, source: string): string {
  switch (kind) {
    case 'function-declaration':
      return source;
    case 'function-expression':
    case 'arrow':
      return `var ${FUNCTION_BINDING} = ${source};\n`;
    case 'class-method':
      return `class ${CLASS_BINDING} extends Object {\n${privateFieldDeclarations(source)}${source}\n}\n`;
    case 'object-method':
      return `var ${OBJECT_BINDING} = {\n${source}\n};\n`;
  }
}

function isFunctionNode(node: Node | null | undefined): boolean {
  return (
    node?.type === 'FunctionExpression' || node?.type === 'ArrowFunctionExpression' || node?.type === 'FunctionDeclaration'
  );
}

function bindingName(node: Node): string | undefined {
  return node.type === 'Identifier' ? node.name : undefined;
}

/**
 * A method that reads `this.#x` only parses inside a class that declares `#x`: the wrapper declares
 * every private name the method mentions, except the method's own (declaring it twice is an error).
 * A `#word` inside a string only adds an unused field.
 */
function privateFieldDeclarations(source: string): string {
  const own = /^(?:(?:static|async|get|set|override|public|private|protected|readonly)\s+|\*\s*)*#([\w$]+)/.exec(source)?.[1];
  const names = new Set([...source.matchAll(/#([A-Za-z_$][\w$]*)/g)].map((match) => match[1] as string));
  if (own !== undefined) names.delete(own);
  return [...names].map((name) => `#${name};\n`).join('');
}

/** The node that holds the function in a (transformed) program made by `toProgram`, if it survived. */
function findFunction(program: Node, kind: FunctionKind, declarationName: string | undefined): Node | undefined {
  let found: Node | undefined;
  traverseFast(program, (node) => {
    if (found) return;
    switch (kind) {
      case 'function-declaration':
        if (node.type === 'FunctionDeclaration' && node.id?.name === declarationName) found = node;
        break;
      case 'function-expression':
      case 'arrow':
        if (node.type === 'VariableDeclarator' && bindingName(node.id) === FUNCTION_BINDING && isFunctionNode(node.init)) {
          found = node.init ?? undefined;
        }
        break;
      case 'class-method':
        if ((node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && node.id?.name === CLASS_BINDING) {
          found = node.body.body.find((member) => member.type === 'ClassMethod' || member.type === 'ClassPrivateMethod');
        }
        break;
      case 'object-method':
        if (node.type === 'VariableDeclarator' && bindingName(node.id) === OBJECT_BINDING && node.init?.type === 'ObjectExpression') {
          found = node.init.properties.find(
            (property) => property.type === 'ObjectMethod' || (property.type === 'ObjectProperty' && isFunctionNode(property.value)),
          );
        }
        break;
    }
  });
  return found;
}

/**
 * Cuts the function back out of a transformed program: its exact text in that program, or undefined
 * when the program does not parse or the function was not kept (the variant is then dropped).
 */
export function fromProgram(
  kind: FunctionKind,
  code: string,
  filename: string,
  declarationName: string | undefined,
): string | undefined {
  let program;
  try {
    program = parseSource(code, filename);
  } catch {
    return undefined;
  }
  const node = findFunction(program, kind, declarationName);
  if (!node || node.start == null || node.end == null) return undefined;
  return code.slice(node.start, node.end);
}
