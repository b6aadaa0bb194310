/* eslint-disable */
function describe(first, second, ...others) {
  return `${first}/${second}/[${others.join(',')}] (${others.length})`;
}
const args = ['x', 'y', 'z', 'w'];
console.log(describe(...args), describe(...args.slice(0, 1)), describe('a', ...args, 'b'));
const joined = ((...parts) => parts.flat().join('-'))([1, 2], [3], 4);
console.log(joined);
