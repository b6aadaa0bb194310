/* eslint-disable */
const people = [
  { name: 'Eve', age: 31 }, { name: 'bob', age: 25 }, { name: 'Alice', age: 31 }, { name: 'dan', age: 19 }, { name: 'Carl', age: 25 },
];
const byAgeThenName = [...people].sort((a, b) => a.age - b.age || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
console.log(byAgeThenName.map((p) => p.name).join(' '));
console.log([10, 9, 1, 100, 25].sort().join(','), [10, 9, 1, 100, 25].sort((a, b) => a - b).join(','));
console.log(['b', 'a', 'C', 'B'].sort().join(''), ['b', 'a', 'C', 'B'].sort((x, y) => x.toLowerCase() < y.toLowerCase() ? -1 : 1).join(''));
