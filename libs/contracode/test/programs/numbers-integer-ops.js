/* eslint-disable */
function gcd(a, b) { while (b) [a, b] = [b, a % b]; return a; }
function lcm(a, b) { return (a / gcd(a, b)) * b; }
function isPrime(n) { if (n < 2) return false; for (let i = 2; i * i <= n; i++) if (n % i === 0) return false; return true; }
function digits(n) { return String(n).split('').map(Number).reduce((a, b) => a + b, 0); }
console.log(gcd(48, 180), lcm(4, 6), [...Array(30).keys()].filter(isPrime).join(','), digits(98765));
console.log((12345).toString(36), parseInt('9ix', 36), 0xff & 0x0f, 1 << 31, (1 << 31) >>> 0, -1 >>> 28);
