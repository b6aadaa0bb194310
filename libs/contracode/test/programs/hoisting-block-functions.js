/* eslint-disable */
function outer() {
  const results = [];
  results.push(typeof inner);
  {
    function inner() { return 'inner'; }
    results.push(inner());
  }
  results.push(typeof inner);
  return results.join(',');
}
console.log(outer());
