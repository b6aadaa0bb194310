/* eslint-disable */
function outer(value) {
  const result = value * 2;
  const item = () => result + value;
  {
    const result = 'inner';
    const count = result.length;
    value = count;
  }
  return [result, item(), value];
}
const acc = outer(5);
const index = acc.indexOf(10);
console.log(acc.join(','), index);
