/* eslint-disable */
const fns = [];
for (let i = 0; i < 4; i++) {
  fns.push(() => i * i);
}
const olds = [];
for (var j = 0; j < 4; j++) {
  olds.push(function () { return j; });
}
console.log(fns.map((f) => f()).join(','), olds.map((f) => f()).join(','));
