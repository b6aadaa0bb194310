/* eslint-disable */
function permutations(items) {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}
function powerset(items) {
  return items.reduce((sets, item) => sets.concat(sets.map((s) => [...s, item])), [[]]);
}
console.log(permutations(['a', 'b', 'c']).map((p) => p.join('')).join(' '), powerset([1, 2, 3]).length);
