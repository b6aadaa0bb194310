/* eslint-disable */
const big = 2n ** 64n;
console.log(String(big), big.toString(16), typeof big, 7n / 2n, -7n / 2n, -7n % 3n, BigInt.asIntN(8, 255n));
console.log(1n < 2, 2n == 2, 2n === 2, BigInt(Number.MAX_SAFE_INTEGER) + 2n, [3n, 1n, 2n].sort().join());
try { console.log(1n + 1); } catch (e) { console.log(e.name); }
try { console.log(1n / 0n); } catch (e) { console.log(e.name); }
