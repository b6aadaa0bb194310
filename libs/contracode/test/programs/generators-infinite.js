/* eslint-disable */
function* naturals() { let n = 1; while (true) yield n++; }
function* take(it, n) { for (const v of it) { if (n-- <= 0) return; yield v; } }
function* filter(it, pred) { for (const v of it) if (pred(v)) yield v; }
function* map(it, fn) { for (const v of it) yield fn(v); }
console.log([...take(map(filter(naturals(), (x) => x % 3 === 0), (x) => x * x), 5)].join(' '));
