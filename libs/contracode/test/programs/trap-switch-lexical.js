/* eslint-disable */
function f(x) {
  switch (x) {
    case 1:
      let msg = 'one';
      return msg;
    case 2:
      msg = 'two';
      return msg;
    default:
      return 'other';
  }
}
console.log(f(1), f(3));
try { f(2); } catch (e) { console.log(e.name); }
