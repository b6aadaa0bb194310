/* eslint-disable */
function parseAge(text) {
  const age = Number.parseInt(text, 10);
  if (Number.isNaN(age)) throw new RangeError(`invalid age: ${text}`);
  return age;
}
for (const input of ['42', 'abc']) {
  try {
    console.log(parseAge(input));
  } catch (error) {
    console.log(String(error));
    console.log(`${error}`);
    console.log(error);
  }
}
