/* eslint-disable */
const arr = [1, 2, 3, 4, 5];
const removed = arr.splice(1, 2, 'a', 'b', 'c');
console.log(arr, removed, arr.push(6), arr.pop(), arr.shift(), arr.unshift(0, -1), arr);
const sparse = [1, , 3];
console.log(sparse.length, 1 in sparse, sparse.map((x) => x * 2), JSON.stringify(sparse), sparse.indexOf(undefined));
const copied = arr.copyWithin(0, 3);
console.log(copied === arr, arr.length = 2, arr);
