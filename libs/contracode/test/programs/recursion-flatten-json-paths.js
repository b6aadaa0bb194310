/* eslint-disable */
function paths(obj, prefix = '') {
  return Object.entries(obj).flatMap(([k, v]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    return v && typeof v === 'object' ? paths(v, p) : [`${p}=${v}`];
  });
}
console.log(paths({ a: 1, b: { c: [10, 20], d: { e: null, f: 'x' } } }).join('\n'));
