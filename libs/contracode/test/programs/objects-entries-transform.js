/* eslint-disable */
const prices = { apple: 1.2, banana: 0.5, cherry: 3 };
const doubled = Object.fromEntries(Object.entries(prices).map(([k, v]) => [k.toUpperCase(), +(v * 2).toFixed(2)]));
const inverted = Object.fromEntries(Object.entries({ a: 'x', b: 'y' }).map(([k, v]) => [v, k]));
console.log(JSON.stringify(doubled), JSON.stringify(inverted), Object.entries(prices).filter(([, v]) => v > 1).length);
console.log(JSON.stringify(Object.assign({}, { a: 1 }, null, { b: 2 }, 'xy')), structuredClone({ d: [1, { e: 2 }] }).d[1].e);
