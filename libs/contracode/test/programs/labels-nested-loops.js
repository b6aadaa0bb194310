/* eslint-disable */
const primes = [];
candidates: for (let n = 2; primes.length < 15; n++) {
  for (const p of primes) {
    if (p * p > n) break;
    if (n % p === 0) continue candidates;
  }
  primes.push(n);
}
console.log(primes.join(' '));
