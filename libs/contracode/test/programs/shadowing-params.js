/* eslint-disable */
const value = 1;
function g(value, callback = () => value) {
  value = 2;
  return [value, callback()];
}
function h(value) {
  return ((value) => value * 10)(value + 1);
}
console.log(g(5), h(1), value);
