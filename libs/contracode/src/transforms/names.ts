import type { Rng } from './rng.js';

// Plausible identifier parts, so renamed code still looks like code people write.
const WORDS = [
  'value', 'item', 'count', 'index', 'result', 'node', 'entry', 'data', 'list', 'total', 'key', 'acc',
  'current', 'next', 'prev', 'left', 'right', 'size', 'buffer', 'state', 'options', 'config', 'name',
  'input', 'output', 'target', 'source', 'temp', 'flag', 'parts', 'chunk', 'offset', 'limit', 'pos',
  'start', 'end', 'step', 'level', 'depth', 'width', 'height', 'score', 'label', 'text', 'line', 'token',
  'handler', 'callback', 'record', 'field', 'payload', 'cache', 'queue', 'stack', 'head', 'tail', 'child',
  'parent', 'root', 'sum', 'max', 'min', 'num', 'val', 'elem', 'obj', 'arr', 'str', 'res', 'ctx', 'err',
];

// Reserved in some mode, or with a meaning of their own: never produced.
const FORBIDDEN = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof',
  'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void',
  'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected',
  'public', 'await', 'async', 'arguments', 'eval', 'undefined', 'NaN', 'Infinity', 'of', 'get', 'set',
]);

/**
 * Hands out identifiers that appear nowhere in the program (not as a binding, reference, global,
 * property or label), so a renamed binding can neither capture nor be captured.
 */
export class FreshNames {
  private readonly taken: Set<string>;
  constructor(
    programNames: Iterable<string>,
    private readonly rng: Rng,
  ) {
    this.taken = new Set(programNames);
  }

  next(): string {
    for (let attempt = 0; ; attempt++) {
      const name = this.candidate(attempt);
      if (!FORBIDDEN.has(name) && !this.taken.has(name)) {
        this.taken.add(name);
        return name;
      }
    }
  }

  private candidate(attempt: number): string {
    const first = this.rng.pick(WORDS);
    const style = this.rng.int(4);
    let name: string;
    if (style === 0) name = first;
    else if (style === 1) name = first + capitalise(this.rng.pick(WORDS));
    else if (style === 2) name = `${first}_${this.rng.pick(WORDS)}`;
    else name = `${first}${1 + this.rng.int(9)}`;
    // After many collisions (a program that already uses most words), add a numeric tail.
    return attempt > 20 ? `${name}${attempt}` : name;
  }
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
