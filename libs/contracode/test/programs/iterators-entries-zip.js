/* eslint-disable */
function* zip(...iterables) {
  const its = iterables.map((i) => i[Symbol.iterator]());
  while (true) {
    const results = its.map((it) => it.next());
    if (results.some((r) => r.done)) return;
    yield results.map((r) => r.value);
  }
}
const names = ['a', 'b', 'c'];
const nums = new Set([1, 2, 3, 4]);
console.log([...zip(names, nums, 'xyz')].map((t) => t.join('')).join(' '));
console.log([...names.entries()].join(';'), [...new Map([[1, 'one']]).entries()].join(''));
