/* eslint-disable */
class Container {
  #factories = new Map();
  #instances = new Map();
  register(name, deps, factory) { this.#factories.set(name, { deps, factory }); return this; }
  resolve(name, chain = []) {
    if (chain.includes(name)) throw new Error(`cycle: ${[...chain, name].join(' -> ')}`);
    if (this.#instances.has(name)) return this.#instances.get(name);
    const entry = this.#factories.get(name);
    if (!entry) throw new Error(`unknown: ${name}`);
    const instance = entry.factory(...entry.deps.map((d) => this.resolve(d, [...chain, name])));
    this.#instances.set(name, instance);
    return instance;
  }
}
const c = new Container()
  .register('config', [], () => ({ url: 'db://x' }))
  .register('db', ['config'], (cfg) => ({ query: (q) => `${cfg.url}:${q}` }))
  .register('repo', ['db'], (db) => ({ find: (id) => db.query(`find ${id}`) }))
  .register('a', ['b'], () => 1).register('b', ['a'], () => 2);
console.log(c.resolve('repo').find(7), c.resolve('db') === c.resolve('db'));
try { c.resolve('a'); } catch (e) { console.log(e.message); }
