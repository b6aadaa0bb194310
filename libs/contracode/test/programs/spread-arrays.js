/* eslint-disable */
const a = [1, 2, 3];
const b = [0, ...a, 4, ...'hi', ...new Set([5, 5, 6])];
const copy = [...a];
copy.push(99);
console.log(b.join(','), a.length, copy.length, Math.max(...a), [...Array(3).keys()]);
