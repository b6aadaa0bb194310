/* eslint-disable */
let evaluated = 0;
const next = () => ++evaluated;
const { m = next(), n = next() } = { m: 'given' };
const [o = next(), pp = next()] = [];
console.log(m, n, o, pp, evaluated);
