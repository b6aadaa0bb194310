/* eslint-disable */
const a = 1 + 2 * 3 - 4 / 2;
const b = 'abc' + 1 + 2;
const c = 1 + 2 + 'abc';
const d = -0 * 5;
const e = 2 ** 10 % 7;
const f = (5 > 3) + (2 == '2') + ('b' > 'a');
const g = typeof 1 + typeof 'x' + typeof null + typeof undefined;
const h = 10n ** 20n / 3n;
const i = ~5 | 0x0f ^ 3 & 7 << 2 >> 1 >>> 0;
const j = !0 + !!'' + !1;
console.log(a, b, c, Object.is(d, -0), e, f, g, String(h), i, j);
console.log(0 / 0, 1 / 0, -1 / 0, '5' * '2', '5' - 2, '5' + 2, null + 1, undefined + 1, true + true, [] + {}, [1] + [2]);
