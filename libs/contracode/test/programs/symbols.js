/* eslint-disable */
const id = Symbol('id');
const hidden = Symbol.for('app.hidden');
const obj = { [id]: 1, visible: 2, [hidden]: 3 };
console.log(Object.keys(obj), JSON.stringify(obj), obj[id], Object.getOwnPropertySymbols(obj).length);
console.log(id.toString(), id.description, Symbol.for('app.hidden') === hidden, Symbol.keyFor(hidden), typeof id);
