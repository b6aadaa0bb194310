/* eslint-disable */
// Real-world test code: natural-compare@1.4.0 (index.js) from npm, MIT licence,
// Copyright (c) 2012-2015 Lauri Rooden <lauri@rooden.ee>. Included unmodified; the driver after the marker is Strata's.



/*
 * @version    1.4.0
 * @date       2015-10-26
 * @stability  3 - Stable
 * @author     Lauri Rooden (https://github.com/litejs/natural-compare-lite)
 * @license    MIT License
 */


var naturalCompare = function(a, b) {
	var i, codeA
	, codeB = 1
	, posA = 0
	, posB = 0
	, alphabet = String.alphabet

	function getCode(str, pos, code) {
		if (code) {
			for (i = pos; code = getCode(str, i), code < 76 && code > 65;) ++i;
			return +str.slice(pos - 1, i)
		}
		code = alphabet && alphabet.indexOf(str.charAt(pos))
		return code > -1 ? code + 76 : ((code = str.charCodeAt(pos) || 0), code < 45 || code > 127) ? code
			: code < 46 ? 65               // -
			: code < 48 ? code - 1
			: code < 58 ? code + 18        // 0-9
			: code < 65 ? code - 11
			: code < 91 ? code + 11        // A-Z
			: code < 97 ? code - 37
			: code < 123 ? code + 5        // a-z
			: code - 63
	}


	if ((a+="") != (b+="")) for (;codeB;) {
		codeA = getCode(a, posA++)
		codeB = getCode(b, posB++)

		if (codeA < 76 && codeB < 76 && codeA > 66 && codeB > 66) {
			codeA = getCode(a, posA, posA)
			codeB = getCode(b, posB, posA = i)
			posB = i
		}

		if (codeA != codeB) return (codeA < codeB) ? -1 : 1
	}
	return 0
}

try {
	module.exports = naturalCompare;
} catch (e) {
	String.naturalCompare = naturalCompare;
}

// ---- Strata driver ----
{
const naturalCompare = module.exports;
const files = ['file10.txt', 'file2.txt', 'File1.txt', 'file1.txt', 'file1b.txt', 'img12.png', 'img10.png', 'IMG2.png', 'a1.5', 'a1.25'];
console.log(files.slice().sort(naturalCompare).join(' '));
console.log(['v1.10.0', 'v1.2.0', 'v1.9.9', 'v10.0.0'].sort(naturalCompare).join(' '));
}
