/* eslint-disable */
function idFactory(prefix) {
  let n = 0;
  return () => `${prefix}-${(++n).toString().padStart(3, '0')}`;
}
const user = idFactory('user');
const order = idFactory('order');
console.log(user(), user(), order(), user());
