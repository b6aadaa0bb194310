/* eslint-disable */
function depth(n) { try { return depth(n + 1); } catch (e) { return e instanceof RangeError ? 'overflowed' : 'other'; } }
console.log(depth(0));
