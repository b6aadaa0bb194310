/* eslint-disable */
const data = { n: 1, s: 'two', a: [1, { b: null }], d: new Date(0), u: undefined, f() {}, nan: NaN, inf: -Infinity, neg0: -0 };
const text = JSON.stringify(data);
console.log(text);
console.log(JSON.stringify(JSON.parse(text), null, 2));
console.log(JSON.stringify([undefined, () => 1, Symbol('x')]), JSON.stringify('line\nbreak "q"'));
