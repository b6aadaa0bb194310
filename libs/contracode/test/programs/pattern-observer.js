/* eslint-disable */
class Observable {
  #subscribers = new Set();
  #value;
  constructor(value) { this.#value = value; }
  subscribe(fn) { this.#subscribers.add(fn); fn(this.#value); return () => this.#subscribers.delete(fn); }
  set value(v) { if (v === this.#value) return; this.#value = v; for (const fn of this.#subscribers) fn(v); }
  get value() { return this.#value; }
  map(f) { const o = new Observable(f(this.#value)); this.subscribe((v) => { o.value = f(v); }); return o; }
}
const celsius = new Observable(0);
const fahrenheit = celsius.map((c) => c * 9 / 5 + 32);
const log = [];
const unsub = fahrenheit.subscribe((f) => log.push(f));
celsius.value = 100;
celsius.value = 100;
unsub();
celsius.value = -40;
console.log(log.join(','), fahrenheit.value);
