/* eslint-disable */
function sieve(limit) {
  const composite = new Uint8Array(limit + 1);
  const primes = [];
  for (let i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    primes.push(i);
    for (let j = i * i; j <= limit; j += i) composite[j] = 1;
  }
  return primes;
}
const popcount = (n) => { let c = 0; while (n) { n &= n - 1; c++; } return c; };
const ps = sieve(100);
console.log(ps.length, ps.slice(-5).join(','), ps.map(popcount).slice(0, 10).join(''), (0b1011 ^ 0b0110).toString(2));
