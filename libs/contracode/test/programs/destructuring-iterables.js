/* eslint-disable */
function* letters() { yield 'a'; yield 'b'; yield 'c'; console.log('never reached?'); }
const [l1, l2] = letters();
const [s1, ...sRest] = new Set([3, 1, 3, 2]);
const [[k1, v1]] = new Map([['key', 'val']]);
console.log(l1, l2, s1, sRest, k1, v1);
