/* eslint-disable */
function greet(greeting, punctuation) {
  return `${greeting}, ${this.name}${punctuation}`;
}
const person = { name: 'Ada' };
const bound = greet.bind(person, 'Hi');
console.log(greet.call(person, 'Hello', '!'), greet.apply({ name: 'Bob' }, ['Hey', '?']), bound('.'), bound.name, bound.length);
