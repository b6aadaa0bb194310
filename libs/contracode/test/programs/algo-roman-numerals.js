/* eslint-disable */
const table = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
function toRoman(n) { let s = ''; for (const [v, r] of table) while (n >= v) { s += r; n -= v; } return s; }
function fromRoman(s) { let n = 0; for (const [v, r] of table) while (s.startsWith(r)) { n += v; s = s.slice(r.length); } return n; }
const years = [1987, 2024, 3999, 444, 14];
console.log(years.map(toRoman).join(' '), years.map(toRoman).map(fromRoman).join(' '));
