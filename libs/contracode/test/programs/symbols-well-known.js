/* eslint-disable */
class Celsius {
  constructor(v) { this.v = v; }
  [Symbol.toPrimitive](hint) { return hint === 'string' ? `${this.v}C` : this.v; }
  static [Symbol.hasInstance](x) { return typeof x === 'number'; }
}
const c = new Celsius(21);
console.log(`${c}`, c + 1, 5 instanceof Celsius, c instanceof Celsius);
const list = { *[Symbol.iterator]() { yield 'one'; yield 'two'; } };
const spreadable = { length: 2, 0: 'a', 1: 'b', [Symbol.isConcatSpreadable]: true };
console.log([...list], [0].concat(spreadable));
