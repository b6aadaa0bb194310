/* eslint-disable */
// Real-world test code: path-key@3.1.1 (index.js) from npm, MIT licence,
// Copyright (c) Sindre Sorhus <sindresorhus@gmail.com> (sindresorhus.com). Included unmodified; the driver after the marker is Strata's.
'use strict';

const pathKey = (options = {}) => {
	const environment = options.env || process.env;
	const platform = options.platform || process.platform;

	if (platform !== 'win32') {
		return 'PATH';
	}

	return Object.keys(environment).reverse().find(key => key.toUpperCase() === 'PATH') || 'Path';
};

module.exports = pathKey;
// TODO: Remove this for the next major release
module.exports.default = pathKey;

// ---- Strata driver ----
{
const pathKey = module.exports;
console.log(pathKey(), pathKey({ env: { Path: 'x' }, platform: 'win32' }), pathKey({ env: {}, platform: 'win32' }), pathKey({ env: { PATH: 'y' }, platform: 'linux' }));
}
