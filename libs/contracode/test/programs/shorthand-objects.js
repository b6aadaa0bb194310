/* eslint-disable */
function build(name, age) {
  const active = age > 18;
  const greet = () => `hi ${name}`;
  return { name, age, active, greet, ['is' + 'Adult']: active };
}
const person = build('Zoe', 30);
const { name, age } = person;
console.log(JSON.stringify(person), person.greet(), name, age, Object.keys(person).join(','));
