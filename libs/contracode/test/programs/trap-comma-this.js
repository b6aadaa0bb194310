/* eslint-disable */
const obj = { name: 'obj', who() { return this === undefined ? 'undefined' : this === globalThis ? 'global' : this.name; } };
console.log(obj.who(), (obj.who)(), (0, obj.who)(), (true && obj.who)(), (false || obj.who)(), (1 ? obj.who : null)());
