/* eslint-disable */
function f() { return typeof this; }
var globalVar = 'gv';
console.log(f(), typeof globalThis.globalVar, (function () { return this === globalThis; })());
implicitGlobal = 5;
console.log(globalThis.implicitGlobal, delete globalThis.implicitGlobal, typeof implicitGlobal);
console.log(0o10 === 8 ? 'octal' : 'decimal', 'x'.big === undefined);
