/* eslint-disable */
function compute() { return 'outer'; }
function test() {
  const results = [compute()];
  function compute() { return 'inner'; }
  results.push(compute());
  {
    const compute = () => 'block';
    results.push(compute());
  }
  return results.join(',');
}
console.log(test(), compute());
