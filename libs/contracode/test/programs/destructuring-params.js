/* eslint-disable */
const points = [{ x: 1, y: 2 }, { x: -3, y: 4 }, { x: 0, y: 0 }];
const norms = points.map(({ x, y }) => Math.hypot(x, y));
const entries = Object.entries({ a: 1, b: 2 }).map(([key, value]) => `${key}=${value}`);
function pair([left, right] = ['L', 'R'], { sep = '-' } = {}) { return left + sep + right; }
console.log(norms.join(' '), entries.join('&'), pair(), pair(['a', 'b'], { sep: '+' }));
