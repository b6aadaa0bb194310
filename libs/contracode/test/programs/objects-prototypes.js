/* eslint-disable */
function Animal(name) { this.name = name; }
Animal.prototype.speak = function () { return `${this.name} makes a sound`; };
function Dog(name) { Animal.call(this, name); }
Dog.prototype = Object.create(Animal.prototype);
Dog.prototype.constructor = Dog;
Dog.prototype.speak = function () { return Animal.prototype.speak.call(this) + ' (woof)'; };
const d = new Dog('Rex');
console.log(d.speak(), d instanceof Animal, Object.getPrototypeOf(d) === Dog.prototype, d.constructor.name, Dog.name);
