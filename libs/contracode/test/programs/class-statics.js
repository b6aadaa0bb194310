/* eslint-disable */
class Registry {
  static count = 0;
  static #items = [];
  static register(item) { Registry.#items.push(item); this.count++; return this; }
  static get size() { return Registry.#items.length; }
  static { this.register('boot'); }
}
Registry.register('a').register('b');
console.log(Registry.count, Registry.size, Object.keys(Registry).join(','));
