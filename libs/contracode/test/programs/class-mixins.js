/* eslint-disable */
const Serializable = (Base) => class extends Base { serialize() { return JSON.stringify(this); } };
const Comparable = (Base) => class extends Base { compare(o) { return this.id - o.id; } };
class Entity { constructor(id) { this.id = id; } }
class User extends Serializable(Comparable(Entity)) {
  constructor(id, name) { super(id); this.name = name; }
}
const us = [new User(3, 'c'), new User(1, 'a'), new User(2, 'b')].sort((x, y) => x.compare(y));
console.log(us.map((u) => u.serialize()).join(';'));
