/* eslint-disable */
const values = [
  1 / 0, -1 / 0, 0 / 0, -0, 0 * -1, -0 + 0, 1 - 1, '' + -0, String(-0), [-0] + '',
  '1' + 2 + 3, 1 + 2 + '3', '3' - '2', '3' * '4', 'a' * 1, true + 1, null + '', undefined + '',
  2 ** 53 + 1, 0.1 + 0.2, 1e21 + 1, 5 / 2 | 0, -5 >>> 0, 1 << 40, typeof (1n + 1n === 2n),
  '\u00e9' + 'e\u0301', 'a' < 'B', '10' > '9', 10 > '9', !!'0', !!'', null ?? 'd', 0 || 'or', 0 && 'and',
];
console.log(values.map((v) => (Object.is(v, -0) ? '-0' : String(v))).join(' | '));
console.log(`${1 + 1}px`, `${'a'}${'b'}${3}`, `${null} ${undefined} ${true}`, 10n ** 3n, -(2n ** 63n));
