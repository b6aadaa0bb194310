/* eslint-disable */
function f(a) {
  arguments[0] = 'changed via arguments';
  return a;
}
function g(a) {
  a = 'changed via param';
  return arguments[0];
}
function h(a, b) {
  const args = Array.from(arguments);
  b = 'x';
  return args.concat([...arguments]).join(',');
}
console.log(f('orig'), g('orig'), h(1, 2));
