/* eslint-disable */
function outer() {
  const inner = () => arguments[0] + arguments.length;
  return inner('ignored');
}
function rest(...items) { return items.length + ':' + arguments.length; }
console.log(outer(5, 6, 7), rest(1, 2), outer.length);
