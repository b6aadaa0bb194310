/* eslint-disable */
var callbacks = [];
for (var i = 0; i < 3; i++) {
  let captured = i;
  callbacks.push(() => [i, captured]);
}
for (let j = 0; j < 3; j++) {
  callbacks.push(() => [j, j * 2]);
  j += 0;
}
console.log(JSON.stringify(callbacks.map((f) => f())));
