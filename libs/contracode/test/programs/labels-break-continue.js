/* eslint-disable */
const grid = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
let found = null;
outer: for (let i = 0; i < grid.length; i++) {
  for (let j = 0; j < grid[i].length; j++) {
    if (grid[i][j] % 2 === 0) continue outer;
    if (grid[i][j] > 6) { found = [i, j]; break outer; }
  }
}
let log = '';
block: {
  log += 'a';
  if (found) break block;
  log += 'b';
}
console.log(found, log);
