/* eslint-disable */
const target = { a: 1, b: 2 };
const accessLog = [];
const proxy = new Proxy(target, {
  get(t, key, receiver) { accessLog.push(`get ${String(key)}`); return Reflect.get(t, key, receiver) ?? `no ${String(key)}`; },
  set(t, key, value) { accessLog.push(`set ${String(key)}`); return Reflect.set(t, key, value * 10); },
  has(t, key) { return key.startsWith('x') || key in t; },
});
proxy.c = 3;
console.log(proxy.a, proxy.c, proxy.zzz, 'xyz' in proxy, 'q' in proxy, accessLog.join(', '));
console.log(Reflect.ownKeys(target).join(), Reflect.has(target, 'a'));
