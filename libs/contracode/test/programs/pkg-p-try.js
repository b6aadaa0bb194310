/* eslint-disable */
// Real-world test code: p-try@2.2.0 (index.js) from npm, MIT licence,
// Copyright (c) Sindre Sorhus <sindresorhus@gmail.com> (sindresorhus.com). Included unmodified; the driver after the marker is Strata's.
'use strict';

const pTry = (fn, ...arguments_) => new Promise(resolve => {
	resolve(fn(...arguments_));
});

module.exports = pTry;
// TODO: remove this in the next major version
module.exports.default = pTry;

// ---- Strata driver ----
{
const pTry = module.exports;
pTry(() => 'sync value').then((v) => console.log('resolved', v));
pTry(() => { throw new Error('sync throw'); }).catch((e) => console.log('rejected', e.message));
pTry((a, b) => a + b, 2, 3).then((v) => console.log('args', v));
}
