/* eslint-disable */
const obj = {
  name: 'obj',
  regular() { return this && this.name; },
  arrow: () => typeof this,
  nested() {
    const inner = () => this.name;
    function lost() { return this === undefined ? 'undefined' : typeof this; }
    return [inner(), lost()];
  },
};
const detached = obj.regular;
console.log(obj.regular(), obj.arrow(), obj.nested().join('|'), detached() === undefined || detached() === '');
