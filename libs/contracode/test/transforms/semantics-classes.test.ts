// Regression tests for the four classes of defects test262 found (issue 16): template strings,
// inferred function names, sloppy scripts that use contextual keywords as names, and compress
// output that did not parse. Each runs every semantics-preserving transform over several seeds.
import vm from 'node:vm';
import { parse } from '@babel/parser';
import type * as t from '@babel/types';
import { parseSource } from '../../src/corpus/parse.js';
import { parseProgram, traverse } from '../../src/transforms/ast.js';
import { augment, TRANSFORMS, type TransformName } from '../../src/transforms/index.js';

const SEMANTIC: TransformName[] = TRANSFORMS.filter((info) => info.preservesSemantics && info.name !== 'strip-types').map((info) => info.name);
const SEEDS = [0, 1, 2];

/** Every setting the conformance check uses: each transform alone, and `all`. */
async function* variants(source: string): AsyncGenerator<{ label: string; code: string; skipped: string[] }> {
  for (const seed of SEEDS) {
    for (const transforms of [...SEMANTIC.map((name) => [name]), 'all' as const]) {
      const result = await augment(source, { transforms, seed });
      yield { label: `${String(transforms)} seed ${seed}`, code: result.code, skipped: (result.skipped ?? []).map((s) => `${s.transform}: ${s.reason}`) };
    }
  }
}

/** Runs a script in a fresh realm and returns what it put in `out`. */
function run(code: string): unknown[] {
  const out: unknown[] = [];
  vm.runInNewContext(code, { out }, { timeout: 5000 });
  return out;
}

function taggedQuasis(code: string): string[] {
  const found: string[] = [];
  traverse(parse(code, { sourceType: 'script' }), {
    TaggedTemplateExpression(path) {
      found.push(JSON.stringify(path.node.quasi.quasis.map((q: t.TemplateElement) => [q.value.raw, q.value.cooked])));
    },
  });
  return found.sort();
}

describe('template literals keep their cooked and raw strings under every transform', () => {
  const source = [
    'const id = (strings, ...values) => ({ raw: strings.raw.join("|"), cooked: strings.join("|"), values });',
    'const html = id, css = id, graphql = id, markdown = id, gql = id;',
    'function render(items) {',
    '  const list = html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;',
    '  const style = css`a{color:red;   margin:0}`;',
    '  const query = graphql`query { user(id: 1) { name    } }`;',
    '  const doc = markdown`',
    '  # Title',
    '     * item`;',
    '  const q2 = /* GraphQL */ gql`{ a   b }`;',
    '  return [list, style, query, doc, q2, String.raw`\\u{61}\\n${1 + 1}\\x`, id`\\unicode and \\u{`];',
    '}',
    'out.push(JSON.stringify(render(["a", "b"])));',
  ].join('\n');

  it('no transform changes a tagged template, and the program prints the same', async () => {
    const expectedQuasis = taggedQuasis(source);
    const expected = run(source);
    for await (const variant of variants(source)) {
      expect({ label: variant.label, skipped: variant.skipped }).toEqual({ label: variant.label, skipped: [] });
      expect({ label: variant.label, quasis: taggedQuasis(variant.code) }).toEqual({ label: variant.label, quasis: expectedQuasis });
      expect({ label: variant.label, out: run(variant.code) }).toEqual({ label: variant.label, out: expected });
    }
  });
});

describe('functions and classes keep their inferred .name', () => {
  // Every way an anonymous function or class takes its name from where it is defined.
  const source = [
    'function probe() {',
    '  const names = [];',
    '  var assigned; assigned = function () {};',
    '  var viaVar = function () {}; let viaLet = () => {}; const viaConst = class {};',
    '  var [fromArray = function () {}] = [];',
    '  var { fromObject = () => {} } = {};',
    '  function withDefault(param = function () {}, { inner = class {} } = {}) { return [param.name, inner.name]; }',
    '  let logical; logical ||= () => {};',
    '  const object = { key: function () {}, arrow: () => {}, "quoted key": class {}, 42: () => {}, method() {} };',
    '  class Holder { field = () => {}; static #hidden = function () {}; static hidden() { return Holder.#hidden.name; } #m() {} m() { return this.#m.name; } }',
    '  names.push(assigned.name, viaVar.name, viaLet.name, viaConst.name, fromArray.name, fromObject.name, ...withDefault(), logical.name);',
    '  names.push(object.key.name, object.arrow.name, object["quoted key"].name, object[42].name, object.method.name);',
    '  names.push(new Holder().field.name, Holder.hidden(), new Holder().m());',
    '  var h = function () {}; names.push(h.name);',
    '  return names;',
    '}',
    'out.push(...probe());',
  ].join('\n');

  it('mangle-identifiers, compress and all keep every name (the probe prints 18 names)', async () => {
    const expected = run(source);
    expect(expected).toEqual([
      'assigned', 'viaVar', 'viaLet', 'viaConst', 'fromArray', 'fromObject', 'param', 'inner', 'logical',
      'key', 'arrow', 'quoted key', '42', 'method', 'field', '#hidden', '#m', 'h',
    ]);
    for await (const variant of variants(source)) {
      expect({ label: variant.label, skipped: variant.skipped }).toEqual({ label: variant.label, skipped: [] });
      expect({ label: variant.label, out: run(variant.code) }).toEqual({ label: variant.label, out: expected });
    }
  });

  it('mangle still shortens the locals that name nothing, and compress still compresses', async () => {
    const plain = 'function sum(values) { let total = 0; for (const value of values) total += value; return total; }\nout.push(sum([1, 2]));';
    const mangled = await augment(plain, { transforms: ['mangle-identifiers'], seed: 1 });
    expect(mangled.code).not.toContain('total');
    const named = 'function f() { var h = function () {}; var unused = 1 + 2; return h.name; }\nout.push(f());';
    const compressed = await augment(named, { transforms: ['compress'], seed: 1 });
    expect(compressed.changed).toBe(true);
    expect(run(compressed.code)).toEqual(['h']);
  });
});

describe('sloppy scripts that use contextual keywords as names', () => {
  const source = 'var await = 1;\nvar yield = 2, let = 3, async = 4, of = 5;\nfunction f(await) { return await + yield; }\nout.push(f(await), let, async, of);';

  it('parse as scripts, run unchanged under every transform, and are not skipped', async () => {
    expect(parseProgram(source).program.sourceType).toBe('script');
    expect(() => parseSource(source, 'file.js')).not.toThrow();
    const expected = run(source);
    for await (const variant of variants(source)) {
      expect({ label: variant.label, skipped: variant.skipped }).toEqual({ label: variant.label, skipped: [] });
      expect({ label: variant.label, out: run(variant.code) }).toEqual({ label: variant.label, out: expected });
    }
  });

  it('reads real modules as modules: import/export, top-level await', () => {
    expect(parseProgram('import x from "y";\nconsole.log(x);').program.sourceType).toBe('module');
    expect(parseProgram('await Promise.resolve(1);').program.sourceType).toBe('module');
    expect(parseSource('const v = await fetch();', 'file.mjs').program.sourceType).toBe('module');
  });

  it('a module that does not parse reports its own error, not a script error about import', () => {
    expect(() => parseProgram('import x from "y";\nlet = = 1;')).toThrow(/^(?!.*sourceType)/);
  });
});

describe('compress and mangle on input terser could not read or print', () => {
  const escaped = [
    'var o = { c\\u0061tch: function () { return 1; }, \\u0069f: 2 };',
    'class C { #\\u{6F} = 3; static #\\u0061b() { return 4; } static read(c) { return c.#o + C.#ab() + C.#ab.name.length; } }',
    'out.push(o.catch(), o.if, C.read(new C()));',
  ].join('\n');

  it('a closure in a parameter default reads the outer binding, not the body var of the same name', async () => {
    const source = 'var x = "outside";\nvar probeParams, probeBody;\nfunction m(_ = (probeParams = function () { return x; })) { var x = "inside"; probeBody = function () { return x; }; }\nm();\nout.push(probeParams(), probeBody());';
    for (const seed of SEEDS) expect(run((await augment(source, { transforms: ['mangle-identifiers'], seed })).code)).toEqual(['outside', 'inside']);
  });

  it('escaped keywords and private names: parsed output, changed, same behaviour', async () => {
    const expected = run(escaped);
    for (const transforms of [['compress'], ['mangle-identifiers'], 'all'] as const) {
      for (const seed of SEEDS) {
        const result = await augment(escaped, { transforms: transforms === 'all' ? 'all' : [...transforms], seed });
        expect(result.skipped ?? []).toEqual([]);
        expect(result.changed).toBe(true);
        expect(run(result.code)).toEqual(expected);
      }
    }
  });

  it('`for ((async) of …)`, which terser prints without its parentheses, is left unchanged by compress', async () => {
    const source = 'var async;\nfor ((async) of [7]) ;\nout.push(async);';
    for (const seed of SEEDS) {
      const result = await augment(source, { transforms: ['compress'], seed });
      expect(result.skipped ?? []).toEqual([]);
      expect(run(result.code)).toEqual([7]);
    }
  });

  it('programs that break terser’s assumptions (Proxy, valueOf, an unused `in`, spreads, bad heritage, NaN, TDZ) keep their behaviour', async () => {
    const programs = [
      'var p = Proxy.revocable({}, {}); p.revoke();\ntry { (function () { "attr" in p.proxy; })(); out.push("no throw"); } catch (e) { out.push(e.constructor.name); }',
      'var o = { valueOf() { out.push("valueOf"); return 1; } };\nfunction f() { o + 1; }\nf();',
      'var iter = { [Symbol.iterator]() { return { next() { throw new Error("step"); } }; } };\ntry { (function () { [0, ...iter]; })(); } catch (e) { out.push(e.message); }',
      'try { (() => { var C = class extends (async () => {}) {}; })(); out.push("no throw"); } catch (e) { out.push(e.constructor.name); }',
      '"use strict";\ntry { NaN = 12; out.push("no throw"); } catch (e) { out.push(e.constructor.name); }',
      'var x;\ntry { (function () { 0, [x = y] = []; })(); out.push("no throw"); } catch (e) { out.push(e.constructor.name); }\nlet y;',
      'try { (function () { 0, [...z] = []; })(); out.push("no throw"); } catch (e) { out.push(e.constructor.name); }\nlet z;',
      'var it = { [Symbol.iterator]() { return { next() { throw new Error("step"); } }; } };\ntry { (function () { (function () {})(0, ...it); })(); } catch (e) { out.push(e.message); }',
    ];
    for (const source of programs) {
      const expected = run(source);
      for (const seed of SEEDS) expect(run((await augment(source, { transforms: ['compress'], seed })).code)).toEqual(expected);
    }
  });
});

describe('source text is a stated limit: programs that read it are refused', () => {
  it.each([
    'function f() { return 1; }\nout.push(f.toString());',
    'const g = () => 2;\nout.push(String(g));',
    'class K {}\nout.push(`${K}`);',
    'function h() {}\nout.push(h + "");',
    'out.push(Function.prototype.toString.call(function () { /* text */ }));',
  ])('%s', async (source) => {
    const result = await augment(source, { transforms: 'all', seed: 1 });
    expect(result.changed).toBe(false);
    expect(result.skipped?.[0]?.reason).toMatch(/^unsafe input: reads a function's source text/);
  });

  it('reading toString of a value that is not a function is fine', async () => {
    const result = await augment('function f(n) { const text = n.toString(); return text; }\nout.push(f(3));', { transforms: ['rename-variables'], seed: 1 });
    expect(result.skipped ?? []).toEqual([]);
  });
});
