/* eslint-disable */
class Base {
  get kind() { return 'base'; }
  static get label() { return 'Base:' + this.name; }
}
class Child extends Base {
  get kind() { return 'child<' + super.kind + '>'; }
}
console.log(new Child().kind, Child.label, Object.getOwnPropertyDescriptor(Base.prototype, 'kind').get.name);
