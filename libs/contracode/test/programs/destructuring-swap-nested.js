/* eslint-disable */
let x = 1, y = 2;
[x, y] = [y, x];
const { p: { q: [first, { r = 'default-r' }] } } = { p: { q: ['one', {}] } };
const { length, 0: head } = 'hello';
console.log(x, y, first, r, length, head);
