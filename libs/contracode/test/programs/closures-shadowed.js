/* eslint-disable */
let value = 'outer';
function read() { return value; }
function shadow() {
  let value = 'inner';
  const get = () => value;
  value = 'changed';
  return [get(), read()];
}
console.log(shadow().join(' '), value);
