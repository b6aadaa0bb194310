/* eslint-disable */
const temperature = {
  _c: 25,
  get f() { return this._c * 1.8 + 32; },
  set f(v) { this._c = (v - 32) / 1.8; },
};
temperature.f = 212;
console.log(temperature._c, temperature.f);
const counter = {};
let reads = 0;
Object.defineProperty(counter, 'value', { get() { reads++; return 42; }, enumerable: false });
console.log(counter.value, counter.value, reads, Object.keys(counter), JSON.stringify(counter));
