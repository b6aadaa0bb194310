/* eslint-disable */
console.log(typeof later, later(2));
function later(x) { return x * 10; }
console.log(typeof notYet);
var notYet = function () { return 1; };
console.log(typeof notYet, notYet());
