/* eslint-disable */
function a(x, y) {}
function b(x, y = 1, z) {}
const c = (...rest) => rest;
function d({ p }, [q]) {}
function unusedParams(first, second, third) { return first; }
console.log(a.length, b.length, c.length, d.length, unusedParams.length, unusedParams(1));
