/* eslint-disable */
function hanoi(n, from, to, via, moves = []) {
  if (n === 0) return moves;
  hanoi(n - 1, from, via, to, moves);
  moves.push(`${from}${to}`);
  hanoi(n - 1, via, to, from, moves);
  return moves;
}
const moves = hanoi(5, 'A', 'C', 'B');
console.log(moves.length, moves.slice(0, 7).join(' '));
