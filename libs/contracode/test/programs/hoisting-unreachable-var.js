/* eslint-disable */
function weird() {
  value = 3;
  return value * 2;
  var value;
}
function weird2(flag) {
  if (flag) return typeof helper;
  return helper();
  function helper() { return 'hoisted helper'; }
}
console.log(weird(), weird2(true), weird2(false));
