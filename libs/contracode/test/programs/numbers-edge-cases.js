/* eslint-disable */
console.log(0 === -0, Object.is(0, -0), 1 / -0, -0 + 0, [-0].includes(0), [NaN].includes(NaN), [NaN].indexOf(NaN));
console.log(Number.MAX_SAFE_INTEGER + 2, 2 ** 53 === 2 ** 53 + 1, 0.1 * 3, 9007199254740993n + 1n);
console.log(5 % 3, -5 % 3, 5.5 % 2, 2 ** -1, (-8) ** (1 / 3), Math.round(-0.5), Math.round(2.5), Math.trunc(-4.7));
console.log(1 / 3, 100 / 3, 1e300 * 1e10, -1e300 * 1e10, Math.sign(-0), typeof NaN);
