/* eslint-disable */
// Real-world test code: fast-deep-equal@3.1.3 (index.js) from npm, MIT licence,
// Copyright (c) 2017 Evgeny Poberezkin. Included unmodified; the driver after the marker is Strata's.
'use strict';

// do not edit .js files directly - edit src/index.jst



module.exports = function equal(a, b) {
  if (a === b) return true;

  if (a && b && typeof a == 'object' && typeof b == 'object') {
    if (a.constructor !== b.constructor) return false;

    var length, i, keys;
    if (Array.isArray(a)) {
      length = a.length;
      if (length != b.length) return false;
      for (i = length; i-- !== 0;)
        if (!equal(a[i], b[i])) return false;
      return true;
    }



    if (a.constructor === RegExp) return a.source === b.source && a.flags === b.flags;
    if (a.valueOf !== Object.prototype.valueOf) return a.valueOf() === b.valueOf();
    if (a.toString !== Object.prototype.toString) return a.toString() === b.toString();

    keys = Object.keys(a);
    length = keys.length;
    if (length !== Object.keys(b).length) return false;

    for (i = length; i-- !== 0;)
      if (!Object.prototype.hasOwnProperty.call(b, keys[i])) return false;

    for (i = length; i-- !== 0;) {
      var key = keys[i];

      if (!equal(a[key], b[key])) return false;
    }

    return true;
  }

  // true if both NaN, false otherwise
  return a!==a && b!==b;
};

// ---- Strata driver ----
{
const equal = module.exports;
const cases = [[{ a: [1, 2, { b: 3 }] }, { a: [1, 2, { b: 3 }] }], [{ a: 1 }, { a: 1, b: undefined }], [[1, 2], [2, 1]], [/x/g, /x/g], [/x/g, /x/i], [new Date(5), new Date(5)], [NaN, NaN], [null, undefined], ['1', 1]];
console.log(cases.map(([a, b]) => equal(a, b)).join(','));
}
