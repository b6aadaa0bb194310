/* eslint-disable */
function fixed(a, b, c) { return arguments.length; }
function defaults(a, b = 1, c) { return 0; }
function restOnly(a, ...r) { return r; }
console.log(fixed(1), fixed(1, 2, 3, 4), fixed.length, defaults.length, restOnly.length, restOnly(1, 2, 3));
