/* eslint-disable */
function once(fn) {
  let done = false;
  let result;
  return function (...args) {
    if (!done) {
      done = true;
      result = fn.apply(this, args);
    }
    return result;
  };
}
let calls = 0;
const init = once((x) => { calls++; return x * 2; });
console.log(init(5), init(7), calls);
