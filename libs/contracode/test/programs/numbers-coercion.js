/* eslint-disable */
console.log('3' * '4', '3' + 4, 3 + '4', '10' / 2, '10' - '1', 'x' - 1, [] * 2, [5] * 2, [1, 2] * 2, null * 5, undefined * 5);
console.log(1 < 2 < 3, 3 > 2 > 1, '10' < '9', 10 < 9, '10' < 9, null == 0, null >= 0, undefined == null, NaN != NaN);
console.log(+'', +' ', +'\n', +[], +{}, +'1e3', +'0b101', +'0o17', +null, +undefined, +'Infinity');
