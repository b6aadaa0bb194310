/* eslint-disable */
const log = [];
class Base {
  field = log.push('base field');
  constructor() { log.push('base ctor'); }
}
class Derived extends Base {
  other = log.push('derived field');
  constructor() { log.push('before super'); super(); log.push('derived ctor'); }
}
new Derived();
console.log(log.join(' > '));
