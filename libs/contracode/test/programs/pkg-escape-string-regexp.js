/* eslint-disable */
// Real-world test code: escape-string-regexp@4.0.0 (index.js) from npm, MIT licence,
// Copyright (c) Sindre Sorhus <sindresorhus@gmail.com> (https://sindresorhus.com). Included unmodified; the driver after the marker is Strata's.
'use strict';

module.exports = string => {
	if (typeof string !== 'string') {
		throw new TypeError('Expected a string');
	}

	// Escape characters with special meaning either inside or outside character sets.
	// Use a simple backslash escape when it’s always valid, and a \unnnn escape when the simpler form would be disallowed by Unicode patterns’ stricter grammar.
	return string
		.replace(/[|\\{}()[\]^$+*?.]/g, '\\$&')
		.replace(/-/g, '\\x2d');
};

// ---- Strata driver ----
{
const escape = module.exports;
const needle = 'price: $5.00 (approx.) [USD]? a-b';
const re = new RegExp(escape(needle), 'g');
console.log(escape(needle), re.test('the ' + needle + ' here'), 'x'.replace(new RegExp(escape('.')), '!'));
try { escape(5); } catch (e) { console.log(e.name, e.message); }
}
