/* eslint-disable */
const obj = { b: 1, 2: 'two', a: 2, 1: 'one', [Symbol('s')]: 3, '-1': 'neg' };
const keys = [];
for (const k in obj) keys.push(k);
console.log(keys.join(','), Object.keys(obj).join(','), Object.values(obj).join(','));
class P { constructor() { this.own = 1; } }
P.prototype.shared = 2;
const inst = new P();
const all = [];
for (const k in inst) all.push(k + (Object.hasOwn(inst, k) ? '(own)' : ''));
console.log(all.join(' '));
