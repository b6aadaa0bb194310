/* eslint-disable */
const o = {
  get value() { return 1; },
  set value(v) {},
  get 'quoted key'() { return 2; },
  async *gen() {},
};
const d = Object.getOwnPropertyDescriptor(o, 'value');
console.log(d.get.name, d.set.name, Object.getOwnPropertyDescriptor(o, 'quoted key').get.name, o.gen.name, o['quoted key']);
