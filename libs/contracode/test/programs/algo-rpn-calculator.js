/* eslint-disable */
function rpn(expr) {
  const stack = [];
  const ops = { '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b, '^': (a, b) => a ** b };
  for (const tok of expr.split(/\s+/)) {
    if (tok in ops) { const b = stack.pop(), a = stack.pop(); stack.push(ops[tok](a, b)); }
    else stack.push(parseFloat(tok));
  }
  if (stack.length !== 1) throw new SyntaxError('malformed: ' + expr);
  return stack[0];
}
console.log(rpn('3 4 + 2 *'), rpn('5 1 2 + 4 * + 3 -'), rpn('2 3 ^ 1 -'));
try { rpn('1 2'); } catch (e) { console.log(e.name, e.message); }
