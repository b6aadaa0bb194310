/* eslint-disable */
const values = [3.7, -2.2, 0.5, 10, -0.5];
console.log(values.map(Math.floor).join(), values.map(Math.ceil).join(), values.map(Math.abs).join());
console.log(Math.max(), Math.min(), Math.hypot(3, 4), Math.cbrt(27), Math.log2(1024), Math.clz32(1), Math.fround(5.5));
console.log(Math.sqrt(2).toFixed(10), Math.sin(Math.PI / 2), Math.atan2(1, 1).toFixed(6), Math.expm1(0), Math.imul(3, 4));
