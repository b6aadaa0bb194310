/* eslint-disable */
const a = [[1, 2], [3, 4], [5, 6]];
const b = [[7, 8, 9], [10, 11, 12]];
const multiply = (x, y) => x.map((row) => y[0].map((_, j) => row.reduce((s, v, k) => s + v * y[k][j], 0)));
const transpose = (m) => m[0].map((_, i) => m.map((r) => r[i]));
console.log(multiply(a, b).map((r) => r.join(' ')).join('\n'));
console.log(JSON.stringify(transpose(a)), JSON.stringify(Array.from({ length: 3 }, (_, i) => Array.from({ length: 3 }, (_, j) => +(i === j)))));
