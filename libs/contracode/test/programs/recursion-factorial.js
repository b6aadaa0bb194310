/* eslint-disable */
function factorial(n) { return n <= 1 ? 1 : n * factorial(n - 1); }
function factorialBig(n) { return n <= 1n ? 1n : n * factorialBig(n - 1n); }
const tail = (n, acc = 1) => (n <= 1 ? acc : tail(n - 1, acc * n));
console.log(factorial(10), factorial(20), String(factorialBig(30n)), tail(12));
