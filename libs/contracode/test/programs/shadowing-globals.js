/* eslint-disable */
function local() {
  const Math = { max: () => 'fake max' };
  const undefinedish = undefined;
  const JSON = { stringify: (v) => 'fake ' + typeof v };
  return [Math.max(1, 2), JSON.stringify({}), undefinedish];
}
console.log(local(), Math.max(1, 2), JSON.stringify({ a: 1 }));
