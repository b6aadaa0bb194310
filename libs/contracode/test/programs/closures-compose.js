/* eslint-disable */
const compose = (...fns) => (x) => fns.reduceRight((acc, f) => f(acc), x);
const pipe = (...fns) => (x) => fns.reduce((acc, f) => f(acc), x);
const inc = (x) => x + 1;
const dbl = (x) => x * 2;
const sq = (x) => x * x;
console.log(compose(inc, dbl, sq)(3), pipe(inc, dbl, sq)(3));
