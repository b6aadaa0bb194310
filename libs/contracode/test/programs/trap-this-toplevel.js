/* eslint-disable */
console.log(this === module.exports, typeof this, typeof exports, typeof require, typeof __filename);
var topVar = 1;
console.log(globalThis.topVar, this.topVar);
function useThis() { return this === globalThis; }
console.log(useThis(), useThis.call(undefined), useThis.call({}));
