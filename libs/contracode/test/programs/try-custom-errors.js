/* eslint-disable */
class ValidationError extends Error {
  constructor(field, message) {
    super(message);
    this.name = 'ValidationError';
    this.field = field;
  }
}
function validate(user) {
  if (!user.name) throw new ValidationError('name', 'name is required');
  if (user.age < 0) throw new ValidationError('age', 'age must be positive');
  return true;
}
for (const u of [{ name: 'a', age: 1 }, { age: 3 }, { name: 'b', age: -1 }]) {
  try { console.log(validate(u)); } catch (e) { console.log(e instanceof ValidationError, e instanceof Error, e.name, e.field, e.message); }
}
const wrapped = new Error('outer', { cause: new RangeError('root') });
console.log(wrapped.cause.name, String(wrapped));
