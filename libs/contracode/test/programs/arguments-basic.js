/* eslint-disable */
function sum() {
  let total = 0;
  for (let i = 0; i < arguments.length; i++) total += arguments[i];
  return total;
}
function first() { return Array.prototype.slice.call(arguments, 0, 1)[0]; }
console.log(sum(1, 2, 3, 4), sum(), first('a', 'b'), sum.length);
