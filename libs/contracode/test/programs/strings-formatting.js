/* eslint-disable */
const n = 1234567.891;
console.log(n.toFixed(2), n.toPrecision(4), n.toExponential(3), (255).toString(16), (255).toString(2), parseInt('ff', 16));
console.log(Number('0x1f'), Number(''), Number(' 12 '), Number('12px'), parseFloat('12.5px'), +true, -'3');
console.log((0.1 + 0.2).toFixed(20), 0.1 + 0.2 === 0.3, Number.EPSILON > 0, (1e21).toString(), (123.456).toFixed(0));
