import { parse } from '@babel/parser';
import { augment, type TransformName } from '../../src/transforms/index.js';

async function apply(name: TransformName, source: string, seed = 1, extra: { deadCodeSnippets?: string[]; language?: 'js' | 'ts' } = {}) {
  const result = await augment(source, { transforms: [name], seed, ...extra });
  expect(result.skipped ?? []).toEqual([]);
  return result.code;
}

/** Runs over many seeds so that random choices (which binding, which position) are all exercised. */
async function overSeeds(name: TransformName, source: string, check: (code: string) => void, seeds = 12): Promise<void> {
  for (let seed = 0; seed < seeds; seed++) check(await apply(name, source, seed));
}

describe('rename-variables', () => {
  it('expands object shorthand and keeps property keys', async () => {
    const source = 'function f(value) { const other = 1; const o = { value, other }; const { value: v2 } = o; return [o, v2]; }\nconsole.log(f(2));';
    await overSeeds('rename-variables', source, (code) => {
      expect(code).toMatch(/value[,:\s]/);
      // Keys survive: the object still has `value` and `other` properties.
      expect(code).toMatch(/value: |value,|\{\s*value\s*\}|value }/);
      expect(code).toMatch(/other/);
      parse(code);
    });
  });

  it('never renames globals, exported names, function or class names, or names functions take by inference', async () => {
    const source = [
      'export function publicName(a) { return a + globalCounter; }',
      'export const exported = 1;',
      'class Widget { size() { return 1; } }',
      'function helper(x) { const arrow = () => x; let named; named = function () {}; return [arrow.name, named.name, x]; }',
      'console.log(publicName(1), exported, new Widget().size(), helper(2), Math.max(1, 2));',
    ].join('\n');
    await overSeeds('rename-variables', source, (code) => {
      for (const kept of ['publicName', 'exported', 'Widget', 'helper', 'arrow', 'named', 'globalCounter', 'Math', 'console', 'size']) {
        expect(code).toContain(kept);
      }
    });
  });

  it('keeps the parameters of functions that read `arguments`, renames the others', async () => {
    const source = 'function f(first, second) { second = 2; return arguments[1] + first; }\nfunction g(first, second) { return first + second; }\nconsole.log(f(1, 1), g(1, 2));';
    const renamedInG = new Set<boolean>();
    await overSeeds('rename-variables', source, (code) => {
      const [fPart, gPart] = code.split('function g');
      expect(fPart).toContain('function f(first, second)');
      renamedInG.add(!gPart?.includes('(first, second)'));
    });
    expect(renamedInG.has(true)).toBe(true);
  });

  it('new names collide with no name in the program, including globals and properties', async () => {
    const words = ['value', 'item', 'count', 'index', 'result', 'node', 'entry', 'data', 'list', 'total', 'key', 'acc'];
    const declared = words.map((w) => `globalThis.${w}Used = ${w};`).join('\n');
    const source = `function f(p, q) { const r = p + q; return r * 2; }\n${declared}\nconsole.log(f(1, 2));`;
    await overSeeds('rename-variables', source, (code) => {
      const head = code.slice(0, code.indexOf('globalThis'));
      const names = [...head.matchAll(/\b([A-Za-z_]\w*)\b/g)].map((m) => m[1]);
      for (const name of names) if (words.includes(name as string)) throw new Error(`renamed to a name already in use: ${name}`);
    });
  });

  it('skips top-level var and function bindings of a classic script (they are global properties)', async () => {
    const source = 'var config = { a: 1 };\nfunction boot() { return config.a; }\nconsole.log(boot(), globalThis.config);';
    await overSeeds('rename-variables', source, (code) => {
      expect(code).toContain('var config');
      expect(code).toContain('function boot');
    });
  });
});

describe('names that error messages quote', () => {
  const tdz = 'function f() {\n  try { console.log(early); } catch (e) { console.log(e.message); }\n  let early = 1;\n  const later = 2;\n  return early + later;\n}\nf();';
  const notAFunction = 'function f() {\n  let callback;\n  const other = 3;\n  try { callback(); } catch (e) { console.log(e.message); }\n  return other;\n}\nf();';

  it('rename-variables keeps a binding read in its TDZ and renames the others', async () => {
    const renamedLater = new Set<boolean>();
    await overSeeds('rename-variables', tdz, (code) => {
      expect(code).toContain('let early');
      renamedLater.add(!code.includes('const later'));
    });
    expect(renamedLater.has(true)).toBe(true);
  });

  it('keeps called bindings when the program prints error messages, and mangling reserves them', async () => {
    await overSeeds('rename-variables', notAFunction, (code) => expect(code).toContain('callback()'));
    const mangled = await apply('mangle-identifiers', notAFunction);
    expect(mangled).toContain('callback()');
    expect(mangled).not.toContain('other');
  });

  it('compress does not inline a binding into a quoted position when messages are printed', async () => {
    const code = await apply('compress', notAFunction);
    expect(code).not.toMatch(/\(void 0\)\(\)/);
  });
});

describe('insert-dead-code', () => {
  it('uses the snippets it is given, inside if (false) or an unused arrow with a fresh name', async () => {
    const source = 'function f(a) { const b = a * 2; return b + 1; }\nconsole.log(f(3));';
    let sawIf = false;
    let sawArrow = false;
    for (let seed = 0; seed < 16; seed++) {
      const code = await apply('insert-dead-code', source, seed, { deadCodeSnippets: ['console.log("from the corpus snippet");'] });
      expect(code).toContain('from the corpus snippet');
      if (/if \(false\)/.test(code)) sawIf = true;
      if (/const \w+ = \(\) => \{/.test(code)) sawArrow = true;
    }
    expect(sawIf && sawArrow).toBe(true);
  });

  it('never uses snippets that would hoist a declaration or need a context', async () => {
    const unusable = [
      'var leaked = 1;',
      'if (x) { function blockFn() {} }',
      'for (var i = 0; i < 1; i++) {}',
      'return 5;',
      'break;',
      'await thing();',
      'arguments[0] = 1;',
      'with (o) { a = 1; }',
      'super.x();',
      'this is not javascript',
    ];
    const source = 'function f() { return 1; }\nconsole.log(f());';
    for (let seed = 0; seed < 5; seed++) {
      const result = await augment(source, { transforms: ['insert-dead-code'], seed, deadCodeSnippets: unusable });
      expect(result.code).toBe(source);
    }
  });

  it('turns a function-declaration snippet into an expression, so nothing is hoisted', async () => {
    const source = 'function f() { return typeof helper; }\nconsole.log(f());';
    for (let seed = 0; seed < 8; seed++) {
      const code = await apply('insert-dead-code', source, seed, { deadCodeSnippets: ['function helper() { return 1; }'] });
      expect(code).toContain('helper');
      expect(code).not.toMatch(/^\s*function helper/m);
    }
  });
});

describe('eliminate-dead-code', () => {
  it('removes branches on literal tests and code after return, keeping hoisted declarations', async () => {
    const source = [
      'function f(flag) {',
      '  if (false) { console.log("gone"); var kept; }',
      '  if (1) { console.log("stays"); } else { console.log("gone too"); }',
      '  while (0) { console.log("never"); }',
      '  return g() + typeof kept;',
      '  console.log("after return");',
      '  function g() { return "g"; }',
      '}',
      'console.log(f(true) ? "yes" : "no");',
    ].join('\n');
    const code = await apply('eliminate-dead-code', source);
    expect(code).not.toMatch(/gone|never|after return/);
    expect(code).toContain('var kept');
    expect(code).toContain('function g()');
    expect(code).toContain('stays');
  });

  it('removes unused local constants and functions with no effects, keeps calls', async () => {
    const source = 'function f() { const unused = 5; const effect = console.log("kept"); function never() {} const used = 2; return used; }\nf();';
    const code = await apply('eliminate-dead-code', source);
    expect(code).not.toContain('unused');
    expect(code).not.toContain('never');
    expect(code).toContain('console.log("kept")');
  });

  it('keeps `this` for a member call picked by a literal ternary', async () => {
    const source = 'const o = { m() { return this === o; } };\nconsole.log((true ? o.m : null)());';
    const code = await apply('eliminate-dead-code', source);
    expect(code).not.toContain('o.m()');
  });
});

describe('fold-constants', () => {
  it('folds literal arithmetic, strings, typeof and comparisons', async () => {
    const code = await apply('fold-constants', 'console.log(1 + 2 * 3, "a" + "b" + 1, typeof 1, 2 > 1, `x${1 + 1}`, 2n ** 10n, -0 * 1);');
    expect(code).toContain('console.log(7, "ab1", "number", true, "x2", 1024n, -0)');
  });

  it('leaves what cannot be spelled as a literal or would throw', async () => {
    const source = 'console.log(0 / 0, 1 / 0, 1n + 1, 1n / 0n, "\\uD800" + "");';
    const result = await augment(source, { transforms: ['fold-constants'], seed: 1 });
    expect(result.code).toBe(source);
  });

  it('does not turn a string into a directive', async () => {
    const source = 'function f() { "use" + " strict"; return this; }\nconsole.log(typeof f());';
    const code = await apply('fold-constants', source);
    expect(code).not.toMatch(/^\s*"use strict"/m);
  });
});

describe('strip-types', () => {
  it('produces JavaScript without annotations, compiling enums', async () => {
    const source = 'interface P { x: number }\nenum E { A, B }\nfunction f(p: P, e: E = E.B): string { return `${p.x}:${e}`; }\nconsole.log(f({ x: 1 } as P));';
    const code = await apply('strip-types', source, 1, { language: 'ts' });
    expect(code).not.toMatch(/interface|: number|: string| as P/);
    expect(() => parse(code, { sourceType: 'unambiguous' })).not.toThrow();
  });
});

describe('reformat', () => {
  it('varies prettier options with the seed', async () => {
    const source = 'const f = (a) => { return { a: a, "b": [1, 2, 3] }; };\nconsole.log(f(1));';
    const layouts = new Set<string>();
    await overSeeds('reformat', source, (code) => void layouts.add(code));
    expect(layouts.size).toBeGreaterThanOrEqual(5);
  });
});

describe('compress and mangle-identifiers', () => {
  it('compress never mangles properties and keeps function names', async () => {
    const source = 'function namedThing(longParameter) { const o = { propertyName: longParameter }; return o.propertyName; }\nconsole.log(namedThing(1), namedThing.name);';
    const code = await apply('compress', source);
    expect(code).toContain('propertyName');
    expect(code).toContain('namedThing');
  });

  it('mangle shortens locals but not top-level names or properties', async () => {
    const source = 'function topLevel(longParameterName) { const localVariable = { keyName: longParameterName }; return localVariable.keyName; }\nconsole.log(topLevel(1));';
    const code = await apply('mangle-identifiers', source);
    expect(code).not.toContain('longParameterName');
    expect(code).not.toContain('localVariable');
    expect(code).toContain('topLevel');
    expect(code).toContain('keyName');
  });
});

describe('subsample-lines', () => {
  it('is flagged approximate, keeps first and last line and drops some in between', async () => {
    const source = Array.from({ length: 30 }, (_, i) => `console.log(${i});`).join('\n');
    const code = await apply('subsample-lines', source, 5);
    const lines = code.split('\n');
    expect(lines[0]).toBe('console.log(0);');
    expect(lines.at(-1)).toBe('console.log(29);');
    expect(lines.length).toBeLessThan(30);
    expect(lines.length).toBeGreaterThan(5);
  });
});
