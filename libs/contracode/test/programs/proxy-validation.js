/* eslint-disable */
function validated(schema) {
  return new Proxy({}, {
    set(obj, prop, value) {
      if (!(prop in schema)) throw new TypeError(`unknown field ${prop}`);
      if (typeof value !== schema[prop]) throw new TypeError(`${prop} must be ${schema[prop]}`);
      obj[prop] = value;
      return true;
    },
  });
}
const user = validated({ name: 'string', age: 'number' });
user.name = 'Ann';
user.age = 33;
for (const [k, v] of [['age', 'old'], ['email', 'x@y']]) { try { user[k] = v; } catch (e) { console.log(e.message); } }
console.log(JSON.stringify(user));
