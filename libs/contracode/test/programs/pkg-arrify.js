/* eslint-disable */
// Real-world test code: arrify@2.0.1 (index.js) from npm, MIT licence,
// Copyright (c) Sindre Sorhus <sindresorhus@gmail.com> (sindresorhus.com). Included unmodified; the driver after the marker is Strata's.
'use strict';

const arrify = value => {
	if (value === null || value === undefined) {
		return [];
	}

	if (Array.isArray(value)) {
		return value;
	}

	if (typeof value === 'string') {
		return [value];
	}

	if (typeof value[Symbol.iterator] === 'function') {
		return [...value];
	}

	return [value];
};

module.exports = arrify;

// ---- Strata driver ----
{
const arrify = module.exports;
console.log(JSON.stringify([arrify('a'), arrify(['b']), arrify(null), arrify(undefined), arrify(new Set([1, 2])), arrify('xy')]));
}
