/* eslint-disable */
function deepClone(value, seen = new Map()) {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  const copy = Array.isArray(value) ? [] : {};
  seen.set(value, copy);
  for (const key of Object.keys(value)) copy[key] = deepClone(value[key], seen);
  return copy;
}
const original = { a: [1, { b: 2 }], c: { d: { e: 'deep' } } };
original.self = original;
const cloned = deepClone(original);
cloned.a[1].b = 99;
console.log(original.a[1].b, cloned.a[1].b, cloned.self === cloned, cloned.c.d.e);
