/* eslint-disable */
function parseExpr(src) {
  let pos = 0;
  const peek = () => src[pos];
  const ws = () => { while (peek() === ' ') pos++; };
  function number() { ws(); const start = pos; while (/[0-9.]/.test(peek() ?? '')) pos++; return parseFloat(src.slice(start, pos)); }
  function factor() {
    ws();
    if (peek() === '(') { pos++; const v = expr(); ws(); pos++; return v; }
    if (peek() === '-') { pos++; return -factor(); }
    return number();
  }
  function term() { let v = factor(); for (;;) { ws(); const op = peek(); if (op !== '*' && op !== '/') return v; pos++; v = op === '*' ? v * factor() : v / factor(); } }
  function expr() { let v = term(); for (;;) { ws(); const op = peek(); if (op !== '+' && op !== '-') return v; pos++; v = op === '+' ? v + term() : v - term(); } }
  return expr();
}
for (const e of ['1 + 2 * 3', '(1 + 2) * 3', '-4 / (2 - 4) + 0.5', '2 * (3 + (4 - 1)) * -1']) console.log(e, '=', parseExpr(e));
