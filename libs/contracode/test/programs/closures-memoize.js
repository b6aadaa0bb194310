/* eslint-disable */
function memoize(fn) {
  const cache = new Map();
  let misses = 0;
  const wrapped = function (n) {
    if (cache.has(n)) return cache.get(n);
    misses++;
    const value = fn(n);
    cache.set(n, value);
    return value;
  };
  wrapped.misses = () => misses;
  return wrapped;
}
const fib = memoize(function (n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); });
console.log(fib(40), fib.misses());
