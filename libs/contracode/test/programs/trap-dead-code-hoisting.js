/* eslint-disable */
function f() {
  return g() + h;
  function g() { return 'g'; }
  var h = 'h';
}
function k(flag) {
  if (false) { var hoisted = 1; }
  if (flag) return typeof hoisted;
  while (false) { var loopVar; }
  return 'loopVar' in globalThis ? 'leaked' : String(loopVar);
}
console.log(f(), k(true), k(false));
