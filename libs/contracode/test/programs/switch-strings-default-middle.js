/* eslint-disable */
function kind(x) {
  switch (typeof x) {
    case 'number': return x % 1 === 0 ? 'int' : 'float';
    default: return 'other:' + typeof x;
    case 'string': return x.length ? 'text' : 'empty';
    case 'object': if (x === null) return 'null';
  }
  return 'object';
}
console.log([1, 1.5, 'a', '', null, {}, [], true, undefined].map(kind).join(', '));
