/* eslint-disable */
let log = [];
const obj = {
  get a() { log.push('a'); return 1; },
  get b() { log.push('b'); return 2; },
};
const sum = obj.a + obj.b;
obj.a;
const { b } = obj;
void obj.b;
console.log(sum, b, log.join(''));
