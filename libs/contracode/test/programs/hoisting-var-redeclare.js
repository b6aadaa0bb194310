/* eslint-disable */
var n = 1;
var n;
console.log(n);
function g(a) {
  var a;
  return a;
}
function h(a) {
  var a = 2;
  return a;
}
console.log(g(7), h(7));
