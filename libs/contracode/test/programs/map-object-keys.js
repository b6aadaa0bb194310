/* eslint-disable */
const key1 = {};
const key2 = () => {};
const m = new Map([[key1, 'object'], [key2, 'function'], [NaN, 'nan'], [0, 'zero']]);
console.log(m.get(key1), m.get(key2), m.get(NaN), m.get(-0), m.get({}), m.size);
const wm = new WeakMap();
wm.set(key1, 42);
console.log(wm.get(key1), wm.has(key2), [...m.keys()].map((k) => typeof k).join(','));
