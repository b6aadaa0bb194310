/* eslint-disable */
class Range {
  constructor(start, end, step = 1) { Object.assign(this, { start, end, step }); }
  *[Symbol.iterator]() { for (let v = this.start; v < this.end; v += this.step) yield v; }
  get [Symbol.toStringTag]() { return 'Range'; }
}
const r = new Range(0, 10, 3);
console.log([...r].join(' '), String(r), Array.from(new Range(1, 4), (x) => x * 10));
