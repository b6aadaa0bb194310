/* eslint-disable */
function sloppy() { return this === globalThis; }
function strict() { 'use strict'; return this; }
console.log(sloppy(), strict(), strict.call(5), typeof sloppy.call(5));
