/* eslint-disable */
const x = 'global';
function f() {
  const x = 'function';
  {
    const x = 'block';
    console.log(x);
  }
  if (true) {
    let x = 'if';
    console.log(x);
  }
  for (const x of ['loop']) console.log(x);
  try { throw 'catch'; } catch (x) { console.log(x); }
  return x;
}
console.log(f(), x);
