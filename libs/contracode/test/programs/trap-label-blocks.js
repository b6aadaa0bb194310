/* eslint-disable */
function find(matrix, target) {
  let result = 'none';
  search: {
    for (const [i, row] of matrix.entries()) {
      for (const [j, v] of row.entries()) {
        if (v === target) { result = `${i},${j}`; break search; }
      }
    }
    result = 'not found';
  }
  return result;
}
console.log(find([[1, 2], [3, 4]], 3), find([[1]], 9));
