/* eslint-disable */
const o = { a: 1, b: { c: 2 } };
console.log(delete o.a, 'a' in o, delete o.b.c, JSON.stringify(o), delete o.missing, typeof o.b, typeof typeof 1);
const arr = [1, 2, 3];
delete arr[1];
console.log(arr.length, 1 in arr, JSON.stringify(arr));
