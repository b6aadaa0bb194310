/* eslint-disable */
function weird() {
  const undefined = 'not undefined';
  const NaN = 42;
  const Infinity = -1;
  return [undefined, NaN, Infinity, void 0, 0 / 0, 1 / 0].map(String).join(',');
}
console.log(weird(), String(undefined), String(NaN));
