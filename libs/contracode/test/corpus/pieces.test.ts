import { mkdtemp, mkdir, symlink, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseSource } from '../../src/corpus/parse.js';
import { extractFunctions } from '../../src/corpus/extract.js';
import { normalisedAstHash } from '../../src/corpus/normalise.js';
import { looksMinified } from '../../src/corpus/minified.js';
import { fromProgram, toProgram, type FunctionKind } from '../../src/corpus/program-form.js';
import { PackageResolver, parseSplitRatios, splitOfPackage } from '../../src/corpus/packages.js';
import { walkSourceFiles } from '../../src/corpus/walk.js';

const LIMITS = { minTokens: 0, maxTokens: 10_000 };

function onlyFunctionHash(source: string, filename = 'x.js'): string {
  const { functions } = extractFunctions(parseSource(source, filename), source, LIMITS);
  expect(functions).toHaveLength(1);
  return (functions[0] as { hash: string }).hash;
}

describe('normalisedAstHash', () => {
  it('ignores identifier names, literal values, comments, whitespace and parentheses', () => {
    const a = onlyFunctionHash('function f(a, b) { return a * (b + 1); }');
    const b = onlyFunctionHash('function g(x,y){\n  // add one\n  return x * (y + 2)\n}');
    expect(b).toBe(a);
  });

  it('keeps structure: which variable is used, operators and flags', () => {
    const base = onlyFunctionHash('function f(a, b) { return a; }');
    expect(onlyFunctionHash('function f(a, b) { return b; }')).not.toBe(base);
    expect(onlyFunctionHash('function f(a, b) { return -a; }')).not.toBe(base);
    expect(onlyFunctionHash('async function f(a, b) { return a; }')).not.toBe(base);
  });

  it('drops TypeScript types, so compiled JavaScript collides with its source', () => {
    const ts = onlyFunctionHash('function f(a: number, b?: string): number { return (a as number)!; }', 'x.ts');
    expect(onlyFunctionHash('function f(a, b) { return a; }')).toBe(ts);
  });

  it('is a sha256', () => {
    const ast = parseSource('function f() {}', 'x.js');
    expect(normalisedAstHash(ast.program)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('extractFunctions', () => {
  const source = [
    'function outer(a) { const inner = function (b) { return b; }; return inner(a); }',
    'const arrow = (x) => { return x; };',
    'const short = (x) => x;',
    'class C { m() { return 1; } static s() {} #p() {} get g() { return 2; } }',
    'const o = { method() { return 3; }, async *gen() { yield 1; } };',
  ].join('\n');

  it('finds declarations, expressions, block arrows, class and object methods, nested ones too', () => {
    const { functions, found } = extractFunctions(parseSource(source, 'x.js'), source, LIMITS);
    expect(functions.map((f) => f.kind)).toEqual([
      'function-declaration',
      'function-expression',
      'arrow',
      'class-method',
      'class-method',
      'class-method',
      'class-method',
      'object-method',
      'object-method',
    ]);
    expect(found).toBe(9);
    expect(functions[0]?.name).toBe('outer');
    expect(functions[3]?.source).toBe('m() { return 1; }');
    expect(functions[8]?.line).toBe(5);
  });

  it('counts Babel tokens without comments and filters by them', () => {
    const text = 'function f(a) { /* note */ return a + 1; } // end';
    const { functions } = extractFunctions(parseSource(text, 'x.js'), text, LIMITS);
    // function f ( a ) { return a + 1 ; }
    expect(functions[0]?.tokens).toBe(12);
    const limited = extractFunctions(parseSource(text, 'x.js'), text, { minTokens: 13, maxTokens: 100 });
    expect(limited).toMatchObject({ functions: [], found: 1, tooShort: 1, tooLong: 0 });
    const capped = extractFunctions(parseSource(text, 'x.js'), text, { minTokens: 0, maxTokens: 11 });
    expect(capped).toMatchObject({ functions: [], tooLong: 1 });
  });
});

describe('program form', () => {
  const cases: [FunctionKind, string, string | undefined][] = [
    ['function-declaration', 'function named(a) { return a; }', 'named'],
    ['function-expression', 'function (a) { return a; }', undefined],
    ['arrow', 'async (a) => { return a; }', undefined],
    ['class-method', 'static *items() { yield this.x; }', undefined],
    ['class-method', 'constructor() { super(); }', undefined],
    ['object-method', 'get value() { return 1; }', undefined],
    ['class-method', 'read() { return this.#cache ?? #limit in this; }', undefined],
    ['class-method', 'static async #load(key) { return this.#store.get(key); }', undefined],
  ];
  it.each(cases)('wraps a %s into a program and cuts it back out unchanged', (kind, source, name) => {
    const program = toProgram(kind, source, name);
    expect(() => parseSource(program, 'x.js')).not.toThrow();
    expect(fromProgram(kind, program, 'x.js', name)).toBe(source);
  });

  it('exports the binding of a function that reads import.meta, so module-mode transforms keep it', () => {
    const source = 'function here() { return import.meta.url; }';
    const program = toProgram('function-declaration', source, 'here');
    expect(program).toContain('export { here };');
    expect(parseSource(program, 'x.js').program.sourceType).toBe('module');
    expect(fromProgram('function-declaration', program, 'x.js', 'here')).toBe(source);
    expect(toProgram('arrow', '() => { return import.meta; }')).toContain('export { __contracodeFunction };');
  });

  it('returns undefined when the program does not parse or lost the function', () => {
    expect(fromProgram('arrow', 'var = ;', 'x.js', undefined)).toBeUndefined();
    expect(fromProgram('function-declaration', 'function other() {}', 'x.js', 'named')).toBeUndefined();
  });
});

describe('looksMinified', () => {
  it('flags .min files, long lines and long mean lines, not ordinary code', () => {
    const ordinary = 'function f(a) {\n  return a + 1;\n}\n'.repeat(50);
    expect(looksMinified(ordinary, 'a.js')).toBe(false);
    expect(looksMinified(ordinary, 'a.min.js')).toBe(true);
    expect(looksMinified(`${ordinary}${'x'.repeat(2_001)}\n`, 'a.js')).toBe(true); // most characters on one line
    expect(looksMinified('y'.repeat(300), 'a.js')).toBe(true);
  });

  it('ignores an inline source map and tolerates one long line in a long file', () => {
    const ordinary = 'function f(a) {\n  return a + 1;\n}\n'.repeat(50);
    const sourceMap = `//# sourceMappingURL=data:application/json;base64,${'A'.repeat(20_000)}\n`;
    expect(looksMinified(`${ordinary}${sourceMap}`, 'a.js')).toBe(false);
    expect(looksMinified(`${ordinary.repeat(4)}const table = "${'z'.repeat(1_500)}";\n`, 'a.js')).toBe(false);
  });
});

describe('splits', () => {
  it('parses ratios and rejects bad ones', () => {
    expect(parseSplitRatios('80/10/10')).toEqual({ train: 80, valid: 10, test: 10 });
    expect(() => parseSplitRatios('80/10')).toThrow(/summing to 100/);
    expect(() => parseSplitRatios('80/10/20')).toThrow(/summing to 100/);
  });

  it('puts a package in one split by its name alone, roughly in proportion', () => {
    const ratios = { train: 80, valid: 10, test: 10 };
    const counts = { train: 0, valid: 0, test: 0 };
    for (let index = 0; index < 4000; index += 1) {
      const name = `package-${index}`;
      const split = splitOfPackage(name, ratios);
      expect(splitOfPackage(name, ratios)).toBe(split);
      counts[split] += 1;
    }
    expect(counts.train / 4000).toBeGreaterThan(0.77);
    expect(counts.train / 4000).toBeLessThan(0.83);
    expect(counts.valid / 4000).toBeGreaterThan(0.08);
    expect(counts.test / 4000).toBeGreaterThan(0.08);
    expect(splitOfPackage('x', { train: 100, valid: 0, test: 0 })).toBe('train');
  });
});

describe('walkSourceFiles and PackageResolver', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'contracode-walk-'));
    await mkdir(path.join(root, 'pkg/lib/esm'), { recursive: true });
    await writeFile(path.join(root, 'pkg/package.json'), '{"name":"@scope/pkg"}');
    await writeFile(path.join(root, 'pkg/lib/esm/package.json'), '{"type":"module"}');
    await writeFile(path.join(root, 'pkg/lib/esm/a.mjs'), 'export function a() {}\n');
    await writeFile(path.join(root, 'pkg/lib/b.ts'), 'export const b = 1;\n');
    await writeFile(path.join(root, 'pkg/lib/b.d.ts'), 'export declare const b: number;\n');
    await writeFile(path.join(root, 'pkg/lib/big.js'), `// ${'x'.repeat(5000)}\n`);
    await writeFile(path.join(root, 'pkg/README.md'), '# not code\n');
    await writeFile(path.join(root, 'loose.cjs'), 'module.exports = 1;\n');
    await symlink(root, path.join(root, 'pkg/lib/loop')); // a link back up the tree
    await symlink(path.join(root, 'pkg'), path.join(root, 'pkg-again')); // the same package twice
    await symlink(path.join(root, 'missing'), path.join(root, 'dangling'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('lists code files once in sorted order, following links without looping', async () => {
    const walk = await walkSourceFiles(root, { maxFileBytes: 4096 });
    expect(walk.files.map((file) => file.relativePath)).toEqual(['loose.cjs', 'pkg/lib/b.ts', 'pkg/lib/esm/a.mjs']);
    expect(walk).toMatchObject({ seen: 5, skippedDeclaration: 1, skippedTooLarge: 1, skippedAlias: 0 });
  });

  it('names the package of a file after the nearest package.json with a name', async () => {
    const resolver = new PackageResolver();
    expect(resolver.packageOf(path.join(root, 'pkg/lib/esm/a.mjs'))).toBe('@scope/pkg');
    expect(resolver.packageOf(path.join(root, 'pkg/lib/b.ts'))).toBe('@scope/pkg');
  });
});
