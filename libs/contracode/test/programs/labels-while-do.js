/* eslint-disable */
let i = 0;
let steps = [];
loop1: while (true) {
  i++;
  let j = 0;
  do {
    j++;
    if (j === 2) continue;
    if (i * j > 6) break loop1;
    steps.push(`${i}${j}`);
  } while (j < 3);
}
console.log(steps.join(','), i);
