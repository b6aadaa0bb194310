import { UsageError } from '@strata/cli';
import { augment, planTransforms, TRANSFORMS, transformNames, type TransformName } from '../../src/transforms/index.js';

describe('transform registry and names', () => {
  it('registers the nine transforms, only line subsampling marked as not preserving semantics', () => {
    expect(TRANSFORMS.map((t) => t.name).sort()).toEqual(
      [
        'compress',
        'eliminate-dead-code',
        'fold-constants',
        'insert-dead-code',
        'mangle-identifiers',
        'reformat',
        'rename-variables',
        'strip-types',
        'subsample-lines',
      ].sort(),
    );
    expect(TRANSFORMS.filter((t) => !t.preservesSemantics).map((t) => t.name)).toEqual(['subsample-lines']);
  });

  it('parses all, comma lists and arrays', () => {
    expect(transformNames('all')).toBe('all');
    expect(transformNames('reformat, compress')).toEqual(['reformat', 'compress']);
    expect(transformNames(['rename-variables', 'fold-constants,reformat'])).toEqual(['rename-variables', 'fold-constants', 'reformat']);
  });

  it('rejects unknown names with a UsageError naming the valid ones', () => {
    expect(() => transformNames('reformat,shuffle')).toThrow(UsageError);
    expect(() => transformNames('shuffle')).toThrow(/unknown transform 'shuffle'; valid: rename-variables, .*, or all/);
    expect(() => transformNames('')).toThrow(UsageError);
    expect(() => transformNames('all,reformat')).toThrow(/cannot be combined/);
  });

  it('plans `all` as every semantics-preserving transform in a seeded order, strip-types first for TypeScript', () => {
    const preserving = TRANSFORMS.filter((t) => t.preservesSemantics && t.name !== 'strip-types').map((t) => t.name);
    const orders = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const plan = planTransforms('all', 'js', seed);
      expect([...plan].sort()).toEqual([...preserving].sort());
      expect(planTransforms('all', 'js', seed)).toEqual(plan);
      orders.add(plan.join());
      const ts = planTransforms('all', 'ts', seed);
      expect(ts[0]).toBe('strip-types');
      expect(ts.slice(1)).toEqual(plan);
    }
    expect(orders.size).toBeGreaterThan(10);
    expect(planTransforms(['reformat'], 'ts', 1)).toEqual(['strip-types', 'reformat']);
  });
});

const PROGRAM = `
function total(items, tax = 0.2) {
  let sum = 0;
  for (const { price, qty } of items) sum += price * qty;
  const rounded = Math.round(sum * (1 + tax) * 100) / 100;
  if (false) { console.log('never'); }
  return { sum, rounded, label: 'total' + ':' + (2 + 3) };
}
console.log(JSON.stringify(total([{ price: 2, qty: 3 }, { price: 1.5, qty: 2 }])));
`;

describe('augment is deterministic for a seed', () => {
  const names = TRANSFORMS.map((t) => t.name).filter((n) => n !== 'strip-types');
  it.each(names)('%s: same seed, same output; the output differs from the input', async (name) => {
    const first = await augment(PROGRAM, { transforms: [name as TransformName], seed: 11 });
    const again = await augment(PROGRAM, { transforms: [name as TransformName], seed: 11 });
    expect(again).toEqual(first);
    expect(first.applied).toEqual([name]);
    expect(first.changed).toBe(true);
    expect(first.code).not.toBe(PROGRAM);
  });

  it('different seeds give different variants', async () => {
    const variants = new Set<string>();
    for (let seed = 0; seed < 8; seed++) variants.add((await augment(PROGRAM, { transforms: 'all', seed })).code);
    expect(variants.size).toBeGreaterThanOrEqual(6);
  });
});

describe('unsafe and broken input comes back unchanged, with the reason', () => {
  it.each([
    ['eval', 'function f(x) { return eval("x + 1"); }', /eval/],
    ['indirect eval', 'const e = globalThis.eval; e("1");', /eval/],
    ['with', 'function f(o) { with (o) { return a; } }', /with/],
    ['new Function', 'const add = new Function("a", "b", "return a + b");', /new Function/],
    ['Function call', 'const add = Function("a", "return a");', /new Function/],
    ['setTimeout with a string', 'setTimeout("tick()", 10);', /setTimeout/],
    ['syntax error', 'function (', /syntax error/],
    ['unterminated string', 'const s = "abc', /syntax error/],
  ])('%s', async (_label, source, reason) => {
    const result = await augment(source, { transforms: 'all', seed: 3 });
    expect(result.code).toBe(source);
    expect(result.changed).toBe(false);
    expect(result.applied).toEqual([]);
    expect(result.skipped?.length).toBeGreaterThan(0);
    for (const skip of result.skipped ?? []) expect(skip.reason).toMatch(reason);
  });

  it('a local binding named eval or Function is not the global one', async () => {
    const source = 'function f(eval) { return eval + 1; }\nconst Function = (x) => x;\nconsole.log(f(1), Function(2));';
    const result = await augment(source, { transforms: ['rename-variables'], seed: 1 });
    expect(result.skipped).toBeUndefined();
  });

  it('TypeScript syntax errors are reported the same way', async () => {
    const result = await augment('let x: = 1;', { transforms: ['reformat'], seed: 1, language: 'ts' });
    expect(result.code).toBe('let x: = 1;');
    expect(result.skipped?.[0]?.reason).toMatch(/syntax error/);
  });
});
