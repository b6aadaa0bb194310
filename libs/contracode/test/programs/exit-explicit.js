/* eslint-disable */
function check(values) {
  for (const v of values) {
    if (v < 0) {
      console.log('negative found:', v);
      process.exit(2);
    }
  }
}
check([1, 2, 3]);
console.log('first ok');
check([4, -5, 6]);
console.log('never printed');
