/* eslint-disable */
class Temperature {
  #celsius = 0;
  get fahrenheit() { return this.#celsius * 9 / 5 + 32; }
  set fahrenheit(f) { this.#celsius = (f - 32) * 5 / 9; }
  get celsius() { return this.#celsius; }
  static fromCelsius(c) { const t = new Temperature(); t.#celsius = c; return t; }
}
const t = Temperature.fromCelsius(100);
console.log(t.fahrenheit);
t.fahrenheit = 32;
console.log(t.celsius, Object.getOwnPropertyNames(Temperature.prototype).join(','));
