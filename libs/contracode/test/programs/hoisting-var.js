/* eslint-disable */
function f() {
  console.log(x);
  if (true) { var x = 5; }
  console.log(x);
  for (var i = 0; i < 3; i++) {}
  return i;
}
console.log(f());
