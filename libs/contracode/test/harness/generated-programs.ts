import fc from 'fast-check';

/**
 * A small grammar of straight-line programs: top-level `let`s, helper functions (each may call
 * earlier ones, so no recursion), closures, shadowing blocks, branches, bounded loops and
 * `console.log` of arithmetic, comparison, logic and string expressions over literals.
 */
const VARIABLES = ['a', 'b', 'c'];

function expression(names: readonly string[], functions: number): fc.Arbitrary<string> {
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'expr' },
      fc.integer({ min: -20, max: 20 }).map((n) => (n < 0 ? `(${n})` : String(n))),
      fc.constantFrom(...names),
      fc.constantFrom('"x"', "'y'", '0.5', 'true', 'null', '-0', '2n === 2n'),
      fc
        .tuple(tie('expr'), fc.constantFrom('+', '-', '*', '%', '/', '<', '===', '==', '&&', '||', '??', '&', '|', '<<'), tie('expr'))
        .map(([l, op, r]) => `(${l} ${op} ${r})`),
      fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, t, e]) => `(${c} ? ${t} : ${e})`),
      fc.tuple(fc.constantFrom('!', '-', 'typeof', '~'), tie('expr')).map(([op, e]) => `(${op} ${e})`),
      fc.tuple(tie('expr'), tie('expr')).map(([e, k]) => `((k) => k * 2 + ${k})(${e})`),
      fc.tuple(tie('expr')).map(([e]) => `String(${e}).length`),
      ...(functions > 0
        ? [fc.tuple(fc.nat(functions - 1), tie('expr'), tie('expr')).map(([i, x, y]) => `f${i}(${x}, ${y})`)]
        : []),
    ),
  }));
  return expr;
}

function helper(index: number): fc.Arbitrary<string> {
  return fc
    .tuple(expression(['x', 'y', ...VARIABLES], index), expression(['x', 'y', 't'], index))
    .map(([body, result]) => `function f${index}(x, y) {\n  const t = ${body};\n  return ${result};\n}`);
}

function statement(functions: number): fc.Arbitrary<string> {
  const expr = expression(VARIABLES, functions);
  const name = fc.constantFrom(...VARIABLES);
  return fc.oneof(
    expr.map((e) => `console.log(${e});`),
    fc.tuple(name, expr).map(([v, e]) => `${v} = ${e};`),
    fc.tuple(expr, expr, expr).map(([c, t, e]) => `if (${c}) {\n  console.log(${t});\n} else {\n  console.log(${e});\n}`),
    fc.tuple(name, fc.integer({ min: 0, max: 4 }), expr).map(([v, n, e]) => `for (let i = 0; i < ${n}; i++) {\n  ${v} = ${v} + i;\n  console.log(${e}, i);\n}`),
    fc.tuple(name, expr).map(([v, e]) => `{\n  let ${v} = ${e};\n  console.log(${v});\n}`),
    fc.tuple(name, expr).map(([v, e]) => `{\n  const get = () => ${v};\n  ${v} = ${e};\n  console.log(get());\n}`),
  );
}

export const generatedProgram: fc.Arbitrary<string> = fc.integer({ min: 0, max: 3 }).chain((functions) =>
  fc
    .tuple(
      fc.tuple(...Array.from({ length: functions }, (_, i) => helper(i))),
      fc.tuple(...VARIABLES.map(() => fc.integer({ min: -9, max: 9 }))),
      fc.array(statement(functions), { minLength: 1, maxLength: 8 }),
    )
    .map(([helpers, initial, statements]) =>
      [...helpers, ...VARIABLES.map((v, i) => `let ${v} = ${initial[i]};`), ...statements].join('\n') + '\n',
    ),
);
